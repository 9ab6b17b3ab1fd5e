import type { Catalogue } from '../types.ts';

export const auth: Catalogue['auth'] = {};

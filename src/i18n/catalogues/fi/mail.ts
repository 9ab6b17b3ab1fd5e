import type { Catalogue } from '../types.ts';

export const mail: Catalogue['mail'] = {};

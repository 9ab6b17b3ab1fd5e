import type { Catalogue } from '../types.ts';

export const help: Catalogue['help'] = {};

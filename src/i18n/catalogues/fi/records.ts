import type { Catalogue } from '../types.ts';

export const records: Catalogue['records'] = {};

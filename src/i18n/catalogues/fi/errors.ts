import type { Catalogue } from '../types.ts';

export const errors: Catalogue['errors'] = {};

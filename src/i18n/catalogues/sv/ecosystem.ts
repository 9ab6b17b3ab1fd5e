import type { Catalogue } from '../types.ts';

export const ecosystem: Catalogue['ecosystem'] = {};

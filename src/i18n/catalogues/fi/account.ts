import type { Catalogue } from '../types.ts';

export const account: Catalogue['account'] = {};

import type { Catalogue } from '../types.ts';

export const booking: Catalogue['booking'] = {};

import type { Catalogue } from '../types.ts';

export const zoom: Catalogue['zoom'] = {};

/** The Swedish catalogue: the English catalogue's keys, written for Swedish readers (docs/glossary.md). */
import type { Catalogue } from '../types.ts';
import { common } from './common.ts';
import { auth } from './auth.ts';
import { account } from './account.ts';
import { ecosystem } from './ecosystem.ts';
import { records } from './records.ts';
import { booking } from './booking.ts';
import { mail } from './mail.ts';
import { errors } from './errors.ts';
import { help } from './help.ts';
import { zoom } from './zoom.ts';

export const sv: Catalogue = { common, auth, account, ecosystem, records, booking, mail, errors, help, zoom };

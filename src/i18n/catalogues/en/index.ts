/**
 * The English catalogue: every text of the product, by section. English is the source: the
 * other languages' catalogues must have exactly its keys (./../types.ts).
 */
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

export const en = { common, auth, account, ecosystem, records, booking, mail, errors, help, zoom } as const;

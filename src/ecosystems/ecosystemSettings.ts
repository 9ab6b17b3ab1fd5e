/**
 * An ecosystem's own settings, kept by its admins (docs/product.md §13.1, §9):
 * `GET|PUT /api/ecosystems/{id}/settings`. A PUT changes only the fields it names.
 * `reminderMinutesBefore`: when reminders go out before a record's start — 1 to 20,160 minutes
 * (14 days) each, at most 10, `[]` for none. A change applies to every reminder not yet sent: a
 * removed offset sends nothing more; an added one applies to records scheduled or moved after it.
 * `locale`: the ecosystem's language (§15) — the language of its mail to people without an
 * account (invitations to someone who has not signed up, attendees added by email). People with
 * an account read mail in their own language.
 */
import { z } from '@hono/zod-openapi';
import { eq } from '../db/orm.ts';
import type { Db, Queries } from '../db/client.ts';
import { ecosystems } from '../db/schema.ts';
import { enforce } from '../policies/decision.ts';
import { mayManageMembers } from '../policies/membershipPolicy.ts';
import { MAX_REMINDER_MINUTES } from '../meetings/reminders.ts';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../i18n/locales.ts';
import type { Membership } from './ecosystems.ts';

const reminderMinutes = z
  .array(
    z
      .number()
      .int({ message: 'must be a whole number of minutes' })
      .min(1, { message: 'must be at least 1 minute' })
      .max(MAX_REMINDER_MINUTES, { message: `must be at most ${MAX_REMINDER_MINUTES} minutes (14 days)` }),
  )
  .max(10, { message: 'at most 10 reminders' })
  .refine((list) => new Set(list).size === list.length, { message: 'each time once' });

export const ecosystemSettingsSchema = z
  .strictObject({
    locale: z.enum(LOCALES).openapi({
      description: 'The language of the ecosystem’s mail to people without an account (docs/product.md §15)',
    }),
    reminderMinutesBefore: reminderMinutes,
  })
  .openapi('EcosystemSettings');
export type EcosystemSettings = z.infer<typeof ecosystemSettingsSchema>;
export const ecosystemSettingsChange = ecosystemSettingsSchema.partial().openapi('EcosystemSettingsChange');

export async function ecosystemSettings(db: Queries, admin: Membership): Promise<EcosystemSettings> {
  enforce(mayManageMembers(admin));
  const [row] = await db
    .select({ locale: ecosystems.locale, reminderMinutesBefore: ecosystems.reminderMinutesBefore })
    .from(ecosystems)
    .where(eq(ecosystems.id, admin.ecosystemId));
  return {
    locale: isLocale(row?.locale) ? row.locale : DEFAULT_LOCALE,
    reminderMinutesBefore: row?.reminderMinutesBefore ?? [],
  };
}

export async function changeEcosystemSettings(
  db: Db,
  admin: Membership,
  change: z.infer<typeof ecosystemSettingsChange>,
): Promise<EcosystemSettings> {
  enforce(mayManageMembers(admin));
  const set: { locale?: Locale; reminderMinutesBefore?: number[] } = {};
  if (change.locale) set.locale = change.locale;
  // Largest first, as people read them ("a day before, then an hour before").
  if (change.reminderMinutesBefore) set.reminderMinutesBefore = [...change.reminderMinutesBefore].sort((a, b) => b - a);
  if (Object.keys(set).length > 0) await db.update(ecosystems).set(set).where(eq(ecosystems.id, admin.ecosystemId));
  return ecosystemSettings(db, admin);
}

/**
 * The ecosystem's language, for mail to someone without an account (docs/product.md §15). Read
 * by anyone who sends such mail, so it asks no role.
 */
export async function ecosystemLocale(db: Queries, ecosystemId: string): Promise<Locale> {
  const [row] = await db.select({ locale: ecosystems.locale }).from(ecosystems).where(eq(ecosystems.id, ecosystemId));
  return isLocale(row?.locale) ? row.locale : DEFAULT_LOCALE;
}

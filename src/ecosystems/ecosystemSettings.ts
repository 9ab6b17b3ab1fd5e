/**
 * An ecosystem's own settings, kept by its admins (docs/product.md §13.1, §9):
 * `GET|PUT /api/ecosystems/{id}/settings`. A PUT changes only the fields it names.
 * `reminderMinutesBefore`: when reminders go out before a record's start — 1 to 20,160 minutes
 * (14 days) each, at most 10, `[]` for none. A change applies to every reminder not yet sent: a
 * removed offset sends nothing more; an added one applies to records scheduled or moved after it.
 */
import { z } from '@hono/zod-openapi';
import { eq } from '../db/orm.ts';
import type { Db, Queries } from '../db/client.ts';
import { ecosystems } from '../db/schema.ts';
import { enforce } from '../policies/decision.ts';
import { mayManageMembers } from '../policies/membershipPolicy.ts';
import { MAX_REMINDER_MINUTES } from '../meetings/reminders.ts';
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
  .strictObject({ reminderMinutesBefore: reminderMinutes })
  .openapi('EcosystemSettings');
export type EcosystemSettings = z.infer<typeof ecosystemSettingsSchema>;
export const ecosystemSettingsChange = ecosystemSettingsSchema.partial().openapi('EcosystemSettingsChange');

export async function ecosystemSettings(db: Queries, admin: Membership): Promise<EcosystemSettings> {
  enforce(mayManageMembers(admin));
  const [row] = await db
    .select({ reminderMinutesBefore: ecosystems.reminderMinutesBefore })
    .from(ecosystems)
    .where(eq(ecosystems.id, admin.ecosystemId));
  return { reminderMinutesBefore: row?.reminderMinutesBefore ?? [] };
}

export async function changeEcosystemSettings(
  db: Db,
  admin: Membership,
  change: z.infer<typeof ecosystemSettingsChange>,
): Promise<EcosystemSettings> {
  enforce(mayManageMembers(admin));
  if (change.reminderMinutesBefore) {
    // Largest first, as people read them ("a day before, then an hour before").
    const minutes = [...change.reminderMinutesBefore].sort((a, b) => b - a);
    await db.update(ecosystems).set({ reminderMinutesBefore: minutes }).where(eq(ecosystems.id, admin.ecosystemId));
  }
  return ecosystemSettings(db, admin);
}

/**
 * A host's availability in one ecosystem (docs/product.md §12.2): the document
 * `GET|PUT /api/ecosystems/{id}/my-availability` answers and takes, its checks and its defaults.
 * A PUT names the fields it changes; the result is checked whole, so it is stored only valid.
 */
import { z } from '@hono/zod-openapi';
import { locationSchema, timezoneSchema } from '../meetings/meetingInput.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM" on a 24-hour clock; "24:00" ends a window at the next midnight. */
const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, {
  message: 'must be a time of day such as 09:00 (24:00 for midnight)',
});

/** "09:30" → 570. */
export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

const weeklyWindow = z
  .strictObject({ day: z.enum(WEEKDAYS), start: clockTime, end: clockTime })
  .refine((w) => minutesOfDay(w.start) < minutesOfDay(w.end), { message: 'a window must end after it starts' })
  .openapi('WeeklyWindow');

const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset, e.g. 2026-12-01T09:00:00Z' })
  .openapi({ example: '2030-01-15T09:00:00+02:00' });

/** A one-off span of real time: at most 31 days (longer absences are several). */
const span = z
  .strictObject({ start: instant, end: instant })
  .refine((s) => Date.parse(s.start) < Date.parse(s.end), { message: 'must end after it starts' })
  .refine((s) => Date.parse(s.end) - Date.parse(s.start) <= 31 * 86_400_000, { message: 'may span at most 31 days' })
  .openapi('TimeSpan');

const minutes = (max: number) =>
  z
    .number()
    .int({ message: 'must be a whole number of minutes' })
    .min(0, { message: 'must not be negative' })
    .max(max, { message: `must be at most ${max}` });

const durationChoice = z
  .number()
  .int({ message: 'must be a whole number of minutes' })
  .min(5, { message: 'must be at least 5 minutes' })
  .max(600, { message: 'must be at most 600 minutes' });

export const availabilityFields = {
  bookable: z.boolean(),
  timezone: timezoneSchema,
  weekly: z.array(weeklyWindow).max(100),
  extra: z.array(span).max(200),
  blocked: z.array(span).max(500),
  durations: z
    .array(durationChoice)
    .min(1, { message: 'offer at least one duration' })
    .max(8)
    .refine((d) => new Set(d).size === d.length, { message: 'each duration once' }),
  slotStepMinutes: durationChoice.nullable().optional(),
  bufferBeforeMinutes: minutes(240),
  bufferAfterMinutes: minutes(240),
  minimumNoticeMinutes: minutes(60 * 24 * 90),
  horizonDays: z
    .number()
    .int()
    .min(1, { message: 'must be at least 1 day' })
    .max(365, { message: 'must be at most 365 days' }),
  weeklyLimit: z.number().int().min(1).max(1000).nullable().optional(),
  requiresApproval: z.boolean(),
  location: locationSchema.nullable(),
};

export const availabilitySchema = z.strictObject(availabilityFields).openapi('Availability');
export type Availability = z.infer<typeof availabilitySchema>;

/** A PUT: any of the fields; those it does not name keep their value. */
export const availabilityChange = z.strictObject(availabilityFields).partial().openapi('AvailabilityChange');
export type AvailabilityChange = z.infer<typeof availabilityChange>;

/** What a host has before their first PUT (also what GET answers then). */
export function defaultAvailability(person: { timezone?: string | undefined; zoomConnected: boolean }): Availability {
  return {
    bookable: false,
    timezone: person.timezone ?? 'UTC',
    weekly: [],
    extra: [],
    blocked: [],
    durations: [30],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 12 * 60,
    horizonDays: 60,
    requiresApproval: false,
    location: person.zoomConnected ? { type: 'zoom' } : null,
  };
}

/**
 * A host's availability in one ecosystem (docs/product.md §12.2): the document
 * `GET|PUT /api/ecosystems/{id}/my-availability` answers and takes, its checks and its defaults.
 * A PUT names the fields it changes; the result is checked whole, so it is stored only valid.
 */
import { z } from '@hono/zod-openapi';
import { englishError } from '../errors.ts';
import { locationSchema, timezoneSchema } from '../meetings/meetingInput.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM" on a 24-hour clock; "24:00" ends a window at the next midnight. */
const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, {
  message: englishError('input.timeOfDay'),
});

/** "09:30" → 570. */
export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

const weeklyWindow = z
  .strictObject({ day: z.enum(WEEKDAYS), start: clockTime, end: clockTime })
  .refine((w) => minutesOfDay(w.start) < minutesOfDay(w.end), { message: englishError('input.windowOrder') })
  .openapi('WeeklyWindow');

const instant = z.iso
  .datetime({ offset: true, message: englishError('input.isoDateTime') })
  .openapi({ example: '2030-01-15T09:00:00+02:00' });

/** A one-off span of real time: at most 31 days (longer absences are several). */
const span = z
  .strictObject({ start: instant, end: instant })
  .refine((s) => Date.parse(s.start) < Date.parse(s.end), { message: englishError('input.endAfterStart') })
  .refine((s) => Date.parse(s.end) - Date.parse(s.start) <= 31 * 86_400_000, {
    message: englishError('input.spanDays', { count: 31 }),
  })
  .openapi('TimeSpan');

const minutes = (max: number) =>
  z
    .number()
    .int({ message: englishError('input.wholeMinutes') })
    .min(0, { message: englishError('input.notNegative') })
    .max(max, { message: englishError('input.atMost', { max }) });

const durationChoice = z
  .number()
  .int({ message: englishError('input.wholeMinutes') })
  .min(5, { message: englishError('input.atLeastMinutes', { count: 5 }) })
  .max(600, { message: englishError('input.atMostMinutes', { count: 600 }) });

export const availabilityFields = {
  bookable: z.boolean(),
  timezone: timezoneSchema,
  weekly: z.array(weeklyWindow).max(100),
  extra: z.array(span).max(200),
  blocked: z.array(span).max(500),
  durations: z
    .array(durationChoice)
    .min(1, { message: englishError('input.oneDuration') })
    .max(8)
    .refine((d) => new Set(d).size === d.length, { message: englishError('input.eachDurationOnce') }),
  slotStepMinutes: durationChoice.nullable().optional(),
  bufferBeforeMinutes: minutes(240),
  bufferAfterMinutes: minutes(240),
  minimumNoticeMinutes: minutes(60 * 24 * 90),
  horizonDays: z
    .number()
    .int()
    .min(1, { message: englishError('input.atLeastDays', { count: 1 }) })
    .max(365, { message: englishError('input.atMostDays', { count: 365 }) }),
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

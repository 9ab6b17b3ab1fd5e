/**
 * Input schemas for meeting records, shared by the JSON API (where they also generate the OpenAPI
 * document) and the HTML forms. Strict objects: an unknown field is an error, not ignored. Free
 * text loses control and bidi-override characters (src/freeText.ts).
 */
import { z } from '@hono/zod-openapi';
import { englishError } from '../errors.ts';
import { lineSchema, textSchema } from '../freeText.ts';

const TIMEZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);

/** A zone Intl lists, or another name of one (Asia/Kolkata for Asia/Calcutta, Europe/Kyiv for Europe/Kiev). */
function isIanaZone(zone: string): boolean {
  if (TIMEZONES.has(zone)) return true;
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(zone)) return false;
  try {
    return TIMEZONES.has(new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone);
  } catch {
    return false;
  }
}

export const timezoneSchema = z
  .string()
  .max(64)
  .refine(isIanaZone, { message: englishError('input.ianaZone') })
  .openapi({ example: 'Europe/Helsinki' });

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: englishError('input.email') }));

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { message: englishError('input.httpUrl') },
  );

export const locationSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('zoom') }),
    z.strictObject({ type: z.literal('in_person'), address: lineSchema(500) }),
    z.strictObject({ type: z.literal('link'), url: httpUrl }),
  ])
  .openapi('Location');

/** A start time in the future, as an ISO 8601 date-time with an offset (or Z). */
export const startTimeSchema = z
  .string()
  .pipe(z.iso.datetime({ offset: true, message: englishError('input.isoDateTime') }))
  .refine((value) => Date.parse(value) > Date.now(), { message: englishError('input.inFuture') })
  .openapi({ example: '2030-01-15T09:00:00Z' });

export const durationSchema = z
  .number()
  .int({ message: englishError('input.wholeMinutes') })
  .min(5, { message: englishError('input.atLeastMinutes', { count: 5 }) })
  .max(600, { message: englishError('input.atMostMinutes', { count: 600 }) });

/** An event's seats (docs/product.md §14): null or absent, no limit. */
export const capacitySchema = z
  .number()
  .int({ message: englishError('input.wholeSeats') })
  .min(1, { message: englishError('input.atLeastSeats', { count: 1 }) })
  .max(100_000, { message: englishError('input.atMostSeats', { count: 100_000 }) })
  .nullable()
  .openapi({ description: 'Seats of an event; past them registrations join the waitlist. null: no limit.' });

/** When an event's registration closes: an ISO instant no later than the start (default: the start). */
export const registrationClosesAtSchema = z
  .string()
  .pipe(z.iso.datetime({ offset: true, message: englishError('input.isoDateTime') }))
  .nullable()
  .openapi({ description: 'Registration closes then (no later than the start; null: at the start)' });

/** Capacity and closing apply to events, and a close comes no later than the start. */
function eventFieldsFit(
  value: { kind?: string; startTime: string; capacity?: number | null; registrationClosesAt?: string | null },
  context: z.RefinementCtx,
) {
  if (value.kind && value.kind !== 'event') {
    for (const field of ['capacity', 'registrationClosesAt'] as const)
      if (value[field] !== undefined && value[field] !== null)
        context.addIssue({ code: 'custom', path: [field], message: englishError('input.onlyEvents') });
  }
  if (value.registrationClosesAt && Date.parse(value.registrationClosesAt) > Date.parse(value.startTime))
    context.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: englishError('input.notAfterStart') });
}

export const createMeetingInput = z
  .strictObject({
    kind: z.enum(['booking', 'mentorship', 'event']),
    title: lineSchema(200),
    description: textSchema(2000).optional(),
    startTime: startTimeSchema,
    durationMinutes: durationSchema,
    timezone: timezoneSchema,
    hostUserId: z.uuid().optional(),
    location: locationSchema,
    attendeeEmails: z.array(emailSchema).max(100).optional(),
    capacity: capacitySchema.optional(),
    registrationClosesAt: registrationClosesAtSchema.optional(),
  })
  .superRefine(eventFieldsFit)
  .openapi('CreateMeeting');
export type CreateMeetingInput = z.infer<typeof createMeetingInput>;

/** A move; an event's capacity and closing time may change with it (fields not named keep theirs). */
export const rescheduleInput = z
  .strictObject({
    startTime: startTimeSchema,
    durationMinutes: durationSchema,
    capacity: capacitySchema.optional(),
    registrationClosesAt: registrationClosesAtSchema.optional(),
  })
  .superRefine(eventFieldsFit)
  .openapi('Reschedule');
export type RescheduleInput = z.infer<typeof rescheduleInput>;

export const registrationInput = z.strictObject({ email: emailSchema, name: lineSchema(200) }).openapi('Registration');
export type RegistrationInput = z.infer<typeof registrationInput>;

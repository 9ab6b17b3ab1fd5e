/**
 * Lets Meet's availability and free slots (docs/product.md §12): a host's own availability per
 * ecosystem, the bookable hosts, and one host's free slots. Booking a slot is a record create
 * (meetingsApi.ts); the booking rule is src/availability/bookingRule.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireMembership } from '../../ecosystems/ecosystems.ts';
import { availabilityChange, availabilitySchema } from '../../availability/availabilityInput.ts';
import {
  bookableHosts,
  changeMyAvailability,
  hostSlots,
  myAvailability,
} from '../../availability/availabilityStore.ts';
import { ValidationError } from '../../errors.ts';
import type { AppEnv } from '../appEnv.ts';
import { createApiRouter, errorResponses, idParam, jsonBody, jsonResponse, requireSession } from './apiRouter.ts';

const DAY = 86_400_000;
/** The longest range one slots request may ask for. */
export const MAX_SLOT_RANGE_DAYS = 31;

const bookableHostSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    durations: z.array(z.number()),
    timezone: z.string(),
    zoom: z.boolean().openapi({ description: 'A booking by you would get a Zoom meeting on the host’s Zoom' }),
    requiresApproval: z
      .boolean()
      .openapi({ description: 'The host approves each booking first: yours would be `requested` until they answer' }),
  })
  .openapi('BookableHost');

const slotSchema = z.object({ start: z.string(), end: z.string() }).openapi('Slot');

const slotsQuery = z.object({
  from: z.string().optional().openapi({ description: 'ISO instant, inclusive; clamped to now (default: now)' }),
  to: z
    .string()
    .optional()
    .openapi({ description: 'ISO instant, exclusive; at most 31 days after from (default: 7 days)' }),
  duration: z.string().optional().openapi({ description: 'Minutes, one of the host’s durations (default: the first)' }),
});

const ecoAndHost = z.object({
  ecosystemId: idParam('ecosystemId').shape.ecosystemId,
  userId: idParam('userId').shape.userId,
});

async function membershipOf(c: Context<AppEnv>, ecosystemId: string) {
  const session = await requireSession(c);
  return requireMembership(c.var.deps.database.db, session.user.id, ecosystemId);
}

function instantParam(name: 'from' | 'to', value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = z.iso.datetime({ offset: true }).safeParse(value);
  if (!parsed.success) {
    throw new ValidationError({ key: name === 'to' ? 'input.toInstant' : 'input.fromInstant' }, { field: name });
  }
  return Date.parse(value);
}

/** `from`, `to` and `duration` of a slots request, checked (400 naming the parameter). */
export function slotRange(
  query: { from?: string | undefined; to?: string | undefined; duration?: string | undefined },
  now: number,
): { from: number; to: number; duration: number | undefined } {
  const asked = instantParam('from', query.from, now);
  const to = instantParam('to', query.to, Math.max(asked, now) + 7 * DAY);
  if (to <= asked) throw new ValidationError({ key: 'input.toAfterFrom' }, { field: 'to' });
  if (to - asked > MAX_SLOT_RANGE_DAYS * DAY) {
    throw new ValidationError({ key: 'input.rangeDays', params: { days: MAX_SLOT_RANGE_DAYS } }, { field: 'to' });
  }
  let duration: number | undefined;
  if (query.duration !== undefined && query.duration !== '') {
    duration = Number(query.duration);
    if (!/^\d{1,3}$/.test(query.duration)) {
      throw new ValidationError({ key: 'input.durationMinutes' }, { field: 'duration' });
    }
  }
  return { from: Math.max(asked, now), to, duration };
}

export function availabilityApi() {
  const api = createApiRouter();

  api.openapi(
    createRoute({
      method: 'get',
      path: '/ecosystems/{ecosystemId}/my-availability',
      request: { params: idParam('ecosystemId') },
      responses: {
        200: jsonResponse('My availability here (the defaults before my first change)', availabilitySchema),
        ...errorResponses,
      },
    }),
    async (c) => {
      const membership = await membershipOf(c, c.req.valid('param').ecosystemId);
      const { availability } = await myAvailability(c.var.deps.database.db, membership);
      return c.json(availability, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/ecosystems/{ecosystemId}/my-availability',
      request: { params: idParam('ecosystemId'), ...jsonBody(availabilityChange) },
      responses: {
        200: jsonResponse('Changed: the fields named; the others keep their value', availabilitySchema),
        ...errorResponses,
      },
    }),
    async (c) => {
      const membership = await membershipOf(c, c.req.valid('param').ecosystemId);
      return c.json(await changeMyAvailability(c.var.deps.database.db, membership, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/ecosystems/{ecosystemId}/hosts',
      request: { params: idParam('ecosystemId') },
      responses: {
        200: jsonResponse('Hosts who take bookings here', z.object({ items: z.array(bookableHostSchema) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const membership = await membershipOf(c, c.req.valid('param').ecosystemId);
      return c.json({ items: await bookableHosts(c.var.deps.database.db, membership) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/ecosystems/{ecosystemId}/hosts/{userId}/slots',
      request: { params: ecoAndHost, query: slotsQuery },
      responses: {
        200: jsonResponse(
          'Free slots starting in [from, to), UTC instants; `timezone` is the host’s',
          z.object({ timezone: z.string(), durationMinutes: z.number(), items: z.array(slotSchema) }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { ecosystemId, userId } = c.req.valid('param');
      await membershipOf(c, ecosystemId);
      const now = c.var.deps.providerJobs.now().getTime();
      const range = slotRange(c.req.valid('query'), now);
      const { availability, slots } = await hostSlots(c.var.deps.database.db, ecosystemId, userId, {
        ...range,
        now,
        durationMinutes: range.duration,
      });
      return c.json(
        {
          timezone: availability.timezone,
          durationMinutes: range.duration ?? availability.durations[0]!,
          items: slots.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
        },
        200,
      );
    },
  );

  return api;
}

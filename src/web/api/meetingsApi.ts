/** Meeting records of all three kinds, one shape (docs/product.md §9). */
import { createRoute, z } from '@hono/zod-openapi';
import { createMeeting, type MeetingDeps } from '../../meetings/meetingCommands.ts';
import { cancelMeeting, rescheduleMeeting } from '../../meetings/meetingChanges.ts';
import { registerForEvent, unregisterFromEvent } from '../../meetings/eventRegistrations.ts';
import { approveMeeting, declineMeeting, MAX_REASON_LENGTH } from '../../meetings/approval.ts';
import { createMeetingInput, registrationInput, rescheduleInput } from '../../meetings/meetingInput.ts';
import { accessTo, getMeetingForUser, viewerOf, viewFor, type MeetingView } from '../../meetings/meetingQueries.ts';
import { listMeetingsForSession } from '../../meetings/recordLists.ts';
import type { AppDeps } from '../../appDeps.ts';
import { finishProvisionNow, tryProvisionNow, tryRemoveNow } from '../../meetings/provisionNow.ts';
import { meetingWarnings } from '../../meetings/meetingWarnings.ts';
import {
  createApiRouter,
  errorResponses,
  idParam,
  jsonBody,
  jsonResponse,
  optionalJsonBody,
  requireSession,
} from './apiRouter.ts';
import { sessionTokenHash } from '../middleware/session.ts';
import { englishError, UnauthenticatedError } from '../../errors.ts';

const zoomStatus = z.enum([
  'not_applicable',
  'pending',
  'created',
  'waiting_for_reconnect',
  'waiting_for_daily_limit',
  'failed',
  'deleting',
  'deleted',
  'orphaned',
]);

export const meetingSchema = z
  .object({
    id: z.string(),
    ecosystemId: z.string(),
    kind: z.enum(['booking', 'mentorship', 'event']),
    title: z.string(),
    description: z.string(),
    startTime: z.string(),
    durationMinutes: z.number(),
    timezone: z.string(),
    status: z.enum(['requested', 'scheduled', 'declined', 'expired', 'cancelled']).openapi({
      description:
        '`requested`: a booking waiting for the host’s approval (it holds the time; nothing at Zoom yet); `declined` and `expired`: requests the host declined or did not answer in time',
    }),
    statusReason: z.string().optional().openapi({ description: 'The reason given when it was declined or cancelled' }),
    requestExpiresAt: z
      .string()
      .optional()
      .openapi({ description: 'For a `requested` booking: when it expires if the host has not answered' }),
    host: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().optional().openapi({ description: 'For those who see everyone on the record' }),
    }),
    createdBy: z.string(),
    location: z.union([
      z.object({ type: z.literal('zoom') }),
      z.object({ type: z.literal('in_person'), address: z.string() }),
      z.object({ type: z.literal('link'), url: z.string() }),
    ]),
    attendees: z.array(
      z.object({
        id: z.string(),
        email: z.string(),
        name: z.string(),
        kind: z.enum(['attendee', 'registrant']),
        status: z.enum(['registered', 'waitlisted']),
        position: z.number().optional().openapi({ description: 'A waitlisted registrant’s place, 1 first' }),
      }),
    ),
    capacity: z.number().optional().openapi({ description: 'An event’s seats (none: no limit)' }),
    seats: z
      .object({ registered: z.number(), waitlisted: z.number() })
      .optional()
      .openapi({ description: 'An event’s seats taken and people waiting, for those who see its registrants' }),
    full: z.boolean().optional().openapi({ description: 'An event whose registrations now join the waitlist' }),
    registrationClosesAt: z
      .string()
      .optional()
      .openapi({ description: 'When an event’s registration closes (its start unless set earlier)' }),
    zoom: z.object({
      status: zoomStatus,
      joinUrl: z.string().optional(),
      meetingId: z.string().optional(),
      passcode: z.string().optional(),
      detail: z.string().optional(),
      retryAt: z.string().optional(),
      leftoverMeetingIds: z.array(z.string()).optional(),
    }),
    /** For those who manage the record: things to know that did not stop it being saved. */
    warnings: z
      .array(z.object({ code: z.enum(['meeting_length_limit']), message: z.string() }))
      .optional()
      .openapi({
        description:
          'e.g. `meeting_length_limit`: the host’s Zoom Basic plan ends meetings after 40 minutes (never blocks the save)',
      }),
    createdAt: z.string(),
  })
  .openapi('Meeting');

export const registrationSchema = z
  .object({
    id: z.string(),
    status: z.enum(['registered', 'waitlisted']),
    position: z.number().optional().openapi({ description: 'On the waitlist: the place, 1 first' }),
  })
  .openapi('RegistrationAnswer');

export function toMeetingJson(view: MeetingView) {
  const { sequence: _sequence, ...rest } = view;
  return rest;
}

/** The record as this person may see it, with warnings for those who manage it. */
async function meetingAnswer(deps: MeetingDeps, user: { id: string; email: string }, meetingId: string) {
  const { meeting, access } = await getMeetingForUser(deps.db, user, meetingId);
  if (!access.manage) return toMeetingJson(meeting);
  const warnings = await meetingWarnings(deps.db, deps.provider, meeting);
  return { ...toMeetingJson(meeting), ...(warnings.length ? { warnings } : {}) };
}

export function meetingDeps(deps: AppDeps): MeetingDeps {
  return {
    db: deps.database.db,
    queue: deps.queue,
    provider: deps.provider,
    appBaseUrl: deps.config.appBaseUrl,
    zoomRecordsForOthersPerDay: deps.config.zoom.recordsForOthersPerDay,
    zoomRecordsForOthersTotalPerDay: deps.config.zoom.recordsForOthersTotalPerDay,
    mailLimits: deps.config.mailQuota,
    now: deps.providerJobs.now,
  };
}

export function meetingsApi() {
  const api = createApiRouter();

  api.openapi(
    createRoute({
      method: 'post',
      path: '/ecosystems/{ecosystemId}/meetings',
      request: { params: idParam('ecosystemId'), ...jsonBody(createMeetingInput) },
      responses: { 201: jsonResponse('Created', meetingSchema), ...errorResponses },
    }),
    async (c) => {
      const deps = meetingDeps(c.var.deps);
      // The session and the membership (401, 404 for a foreign ecosystem) are read inside the
      // create's transaction.
      const created = await createMeeting(
        deps,
        { sessionTokenHash: sessionTokenHash(c), ecosystemId: c.req.valid('param').ecosystemId },
        c.req.valid('json'),
      );
      // docs/product.md §4.1: call Zoom at once so the answer normally carries the join URL. When the meeting
      // went live the answer is built from the record as just stored (no second read).
      const live = created.attempt
        ? await finishProvisionNow(c.var.deps.providerJobs, created.id, created.attempt)
        : undefined;
      if (!live) return c.json(await meetingAnswer(deps, created.user, created.id), 201);
      const viewer = viewerOf(created.membership, created.user);
      const answer = toMeetingJson(viewFor(live, accessTo(viewer, live), viewer));
      return c.json({ ...answer, ...(created.warnings.length ? { warnings: created.warnings } : {}) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/ecosystems/{ecosystemId}/meetings',
      request: { params: idParam('ecosystemId') },
      responses: {
        200: jsonResponse('Records of the ecosystem', z.object({ items: z.array(meetingSchema) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      // The session is read in the list's own statement (401 without one).
      const tokenHash = sessionTokenHash(c);
      if (!tokenHash) throw new UnauthenticatedError();
      const items = await listMeetingsForSession(c.var.deps.database.db, tokenHash, c.req.valid('param').ecosystemId);
      return c.json({ items: items.map(toMeetingJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{meetingId}',
      request: { params: idParam('meetingId') },
      responses: { 200: jsonResponse('The record', meetingSchema), ...errorResponses },
    }),
    async (c) => {
      const session = await requireSession(c);
      return c.json(await meetingAnswer(meetingDeps(c.var.deps), session.user, c.req.valid('param').meetingId), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{meetingId}/cancel',
      request: { params: idParam('meetingId'), ...optionalJsonBody(reasonInput) },
      responses: { 200: jsonResponse('Cancelled', meetingSchema), ...errorResponses },
    }),
    async (c) => {
      const session = await requireSession(c);
      const deps = meetingDeps(c.var.deps);
      const { meetingId } = c.req.valid('param');
      await cancelMeeting(deps, session.user, meetingId, reasonOf(c.req.valid('json')));
      const { meeting: cancelled } = await getMeetingForUser(deps.db, session.user, meetingId);
      if (cancelled.location.type === 'zoom')
        await tryRemoveNow(c.var.deps.providerJobs, meetingId, cancelled.ecosystemId);
      const { meeting } = await getMeetingForUser(deps.db, session.user, meetingId);
      return c.json(toMeetingJson(meeting), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{meetingId}/reschedule',
      request: { params: idParam('meetingId'), ...jsonBody(rescheduleInput) },
      responses: { 200: jsonResponse('Rescheduled', meetingSchema), ...errorResponses },
    }),
    async (c) => {
      const session = await requireSession(c);
      const deps = meetingDeps(c.var.deps);
      const { meetingId } = c.req.valid('param');
      await rescheduleMeeting(deps, session.user, meetingId, c.req.valid('json'));
      const { meeting: moved } = await getMeetingForUser(deps.db, session.user, meetingId);
      if (moved.location.type === 'zoom') {
        await tryRemoveNow(c.var.deps.providerJobs, meetingId, moved.ecosystemId);
        await tryProvisionNow(c.var.deps.providerJobs, meetingId);
      }
      return c.json(await meetingAnswer(deps, session.user, meetingId), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{meetingId}/registrations',
      request: { params: idParam('meetingId'), ...jsonBody(registrationInput) },
      responses: { 201: jsonResponse('Registered, or on the waitlist', registrationSchema), ...errorResponses },
    }),
    async (c) => {
      const session = await requireSession(c);
      const deps = meetingDeps(c.var.deps);
      const { meetingId } = c.req.valid('param');
      return c.json(await registerForEvent(deps, session.user, meetingId, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/meetings/{meetingId}/registrations/{registrationId}',
      request: { params: idParam('meetingId').extend(idParam('registrationId').shape) },
      responses: { 204: { description: 'Unregistered; the seat went to the first one waiting' }, ...errorResponses },
    }),
    async (c) => {
      const session = await requireSession(c);
      const { meetingId, registrationId } = c.req.valid('param');
      await unregisterFromEvent(meetingDeps(c.var.deps), session.user, meetingId, registrationId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{meetingId}/approve',
      request: { params: idParam('meetingId') },
      responses: { 200: jsonResponse('Approved: scheduled', meetingSchema), ...errorResponses },
    }),
    async (c) => {
      const session = await requireSession(c);
      const deps = meetingDeps(c.var.deps);
      const { meetingId } = c.req.valid('param');
      await approveMeeting(deps, session.user, meetingId);
      const { meeting } = await getMeetingForUser(deps.db, session.user, meetingId);
      // As after a create: call Zoom at once, so the answer normally carries the join URL.
      if (meeting.location.type === 'zoom') await tryProvisionNow(c.var.deps.providerJobs, meetingId);
      return c.json(await meetingAnswer(deps, session.user, meetingId), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{meetingId}/decline',
      request: { params: idParam('meetingId'), ...optionalJsonBody(reasonInput) },
      responses: { 200: jsonResponse('Declined', meetingSchema), ...errorResponses },
    }),
    async (c) => {
      const session = await requireSession(c);
      const deps = meetingDeps(c.var.deps);
      const { meetingId } = c.req.valid('param');
      await declineMeeting(deps, session.user, meetingId, reasonOf(c.req.valid('json')));
      return c.json(await meetingAnswer(deps, session.user, meetingId), 200);
    },
  );

  return api;
}

/** `{reason?}`: why a record is cancelled or a request declined, told to the people on it. */
export const reasonInput = z
  .strictObject({
    reason: z
      .string()
      .max(MAX_REASON_LENGTH, { message: englishError('input.reasonLength', { max: MAX_REASON_LENGTH }) })
      .optional(),
  })
  .openapi('Reason');

const reasonOf = (body: { reason?: string | undefined } | undefined) => body?.reason?.trim() || undefined;

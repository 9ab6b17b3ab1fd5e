/**
 * Zoom REST under /v2 for what the product touches (docs/zoom-facts.md §3–§6): GET /users/me,
 * POST /users/me/meetings, GET and DELETE /meetings/{id}. Bearer token in the header only; granular
 * scopes; per-second and daily limits; Zoom-shaped errors for every malformed request.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { utcDay } from './clock.ts';
import { applyFaults, dailyLimitAnswer, holdForever, logCall, restError, type Call, type Emulator } from './context.ts';
import type { RateLabel } from './rateLimits.ts';
import { newMeetingId, newMeetingUuid, type EmulatedMeeting, type EmulatedUser, type TokenPair } from './state.ts';
import { ZOOM_TIMEZONES, intlKnowsZone, isoSeconds, parseStartTime, zonedToUtcMs } from './timezones.ts';
import { userResource } from './users.ts';

type Authed = { user: EmulatedUser; pair: TokenPair };

/** Bearer check (§1.8): query tokens → 124 "not supported as query parameter"; bad/expired/old → 124. */
function authenticate(emu: Emulator, c: Context, call: Call): Authed | Response {
  const url = new URL(c.req.url);
  if (url.searchParams.has('access_token')) {
    logCall(emu, c, call, 401);
    return restError(
      c,
      401,
      124,
      'Invalid access token, this access token is not supported as query parameter string.',
    );
  }
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  const pair = match?.[1] ? emu.state.pairByAccessToken(match[1]) : undefined;
  const user = pair ? emu.state.users.get(pair.userId) : undefined;
  if (!pair || !user?.installed || pair.accessExpiresAt.getTime() <= emu.clock.now().getTime()) {
    logCall(emu, c, { ...call, ...(pair ? { tokenId: pair.tokenId } : {}) }, 401);
    return restError(c, 401, 124, 'Invalid access token.');
  }
  return { user, pair };
}

function requireScope(emu: Emulator, c: Context, call: Call, authed: Authed, scope: string): Response | undefined {
  if (authed.pair.scopes.includes(scope)) return undefined;
  logCall(emu, c, call, 400);
  return restError(c, 400, 4711, `Invalid access token, does not contain scopes:[${scope}:admin, ${scope}].`);
}

function perSecond(emu: Emulator, c: Context, call: Call, user: EmulatedUser, label: RateLabel): Response | undefined {
  const verdict = emu.limiter.allow(user.accountId, user.plan, label, emu.clock.now().getTime());
  c.header('X-RateLimit-Category', label[0]!.toUpperCase() + label.slice(1));
  if (verdict.ok) return undefined;
  c.header('X-RateLimit-Type', 'QPS');
  c.header('X-RateLimit-Limit', String(verdict.limit));
  c.header('X-RateLimit-Remaining', '0');
  c.header('Retry-After', '1');
  logCall(emu, c, call, 429);
  return restError(c, 429, 429, 'You have reached the maximum per-second rate limit for this API. Try again later.');
}

function meetingResource(emu: Emulator, m: EmulatedMeeting, includeStartUrl: boolean) {
  const base = emu.baseUrl();
  return {
    uuid: m.uuid,
    id: m.id,
    host_id: m.hostId,
    host_email: m.hostEmail,
    assistant_id: '',
    topic: m.topic,
    type: m.type,
    status: 'waiting',
    ...(m.startTime ? { start_time: m.startTime } : {}),
    ...(m.duration !== undefined ? { duration: m.duration } : {}),
    ...(m.timezone ? { timezone: m.timezone } : {}),
    agenda: m.agenda,
    created_at: m.createdAt,
    ...(includeStartUrl ? { start_url: `${base}/s/${m.id}?zak=${randomBytes(24).toString('base64url')}` } : {}),
    join_url: `${base}/j/${m.id}?pwd=${encodeURIComponent(Buffer.from(m.password).toString('base64url'))}`,
    password: m.password,
    h323_password: m.password.replace(/\D/g, '').padEnd(6, '0').slice(0, 10),
    pstn_password: m.password.replace(/\D/g, '').padEnd(6, '0').slice(0, 10),
    encrypted_password: Buffer.from(m.password).toString('base64url'),
    pre_schedule: false,
    settings: m.settings,
    creation_source: 'open_api',
  };
}

const SETTINGS_DEFAULTS: Record<string, unknown> = {
  host_video: false,
  participant_video: false,
  join_before_host: false,
  mute_upon_entry: false,
  waiting_room: false,
  approval_type: 2,
  audio: 'voip',
  auto_recording: 'none',
};

const SETTING_ENUMS: Record<string, readonly unknown[]> = {
  audio: ['both', 'telephony', 'voip', 'thirdParty'],
  approval_type: [0, 1, 2],
  auto_recording: ['local', 'cloud', 'none'],
};
/** Settings Zoom types as booleans, among those the app sends (§4). */
const BOOLEAN_SETTINGS = ['waiting_room', 'join_before_host', 'host_video', 'participant_video', 'mute_upon_entry'];

type FieldError = { field: string; message: string };

/**
 * Validates a create body like Zoom: code 300 "Validation Failed." with field errors (§6.1).
 * `start_time` only in the two documented forms (§4); `timezone` only from Zoom's list (§10.4)
 * unless `timezoneCheck` is `lenient`; settings enums and booleans (§4); topic ≤ 200, agenda ≤ 2,000.
 * On success, `startMs` is the start instant (a local `start_time` read in the meeting's zone,
 * else in the user's).
 */
function validateCreate(
  emu: Emulator,
  user: EmulatedUser,
  body: unknown,
): { errors: FieldError[]; value?: Record<string, unknown>; startMs?: number } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { errors: [{ field: 'body', message: 'Request Body should be a valid JSON object.' }] };
  const b = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  const check = (ok: boolean, field: string) => ok || errors.push({ field, message: 'Invalid field.' });
  check(b['topic'] === undefined || (typeof b['topic'] === 'string' && b['topic'].length <= 200), 'topic');
  check(b['type'] === undefined || [1, 2, 3, 8].includes(b['type'] as number), 'type');
  check(b['duration'] === undefined || (Number.isInteger(b['duration']) && (b['duration'] as number) > 0), 'duration');
  const zone = b['timezone'];
  const zoneOk =
    zone === undefined ||
    (typeof zone === 'string' &&
      (emu.options.timezoneCheck === 'lenient'
        ? intlKnowsZone(zone)
        : ZOOM_TIMEZONES.has(zone) && intlKnowsZone(zone)));
  check(zoneOk, 'timezone');
  let startMs: number | undefined;
  if (b['start_time'] !== undefined) {
    const parsed = typeof b['start_time'] === 'string' ? parseStartTime(b['start_time']) : undefined;
    const localZone = typeof zone === 'string' ? zone : user.timezone;
    if (parsed?.utc) startMs = zonedToUtcMs(parsed.fields, 'UTC');
    else if (parsed && zoneOk && intlKnowsZone(localZone)) startMs = zonedToUtcMs(parsed.fields, localZone);
    // A local time in a refused zone has no instant; the timezone error says why.
    check(parsed !== undefined, 'start_time');
  }
  check(b['agenda'] === undefined || (typeof b['agenda'] === 'string' && b['agenda'].length <= 2000), 'agenda');
  check(
    b['password'] === undefined ||
      (typeof b['password'] === 'string' && /^[a-zA-Z0-9@\-_*]{1,10}$/.test(b['password'])),
    'password',
  );
  const settings = b['settings'];
  if (settings !== undefined) {
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) check(false, 'settings');
    else {
      const st = settings as Record<string, unknown>;
      for (const [field, allowed] of Object.entries(SETTING_ENUMS))
        check(st[field] === undefined || allowed.includes(st[field]), `settings.${field}`);
      for (const field of BOOLEAN_SETTINGS)
        check(st[field] === undefined || typeof st[field] === 'boolean', `settings.${field}`);
    }
  }
  if (errors.length) return { errors };
  return startMs === undefined ? { errors, value: b } : { errors, value: b, startMs };
}

/** Basic (type 1) hosts' meetings end after 40 minutes whatever their duration (§10.2). */
export const BASIC_MEETING_MINUTES = 40;

/** A meeting is in progress from its start until its (possibly cut) end (§10.3). */
const inProgress = (m: EmulatedMeeting, now: Date) =>
  m.startTime !== undefined &&
  m.endsAt !== undefined &&
  now.getTime() >= Date.parse(m.startTime) &&
  now.getTime() < Date.parse(m.endsAt);

export function restRoutes(emu: Emulator) {
  const routes = new Hono();

  routes.get('/v2/users/me', async (c) => {
    const call: Call = { operation: 'users.me' };
    const pre = await applyFaults(emu, c, call.operation, call);
    if (pre.response) return pre.response;
    const authed = authenticate(emu, c, call);
    if (authed instanceof Response) return authed;
    const logged = { ...call, userId: authed.user.id, tokenId: authed.pair.tokenId };
    const refused =
      requireScope(emu, c, logged, authed, 'user:read:user') ?? perSecond(emu, c, logged, authed.user, 'light');
    if (refused) return refused;
    logCall(emu, c, logged, 200);
    if (pre.afterCommit) return holdForever(emu);
    return c.json(userResource(authed.user, '2020-01-01T00:00:00Z'));
  });

  routes.post('/v2/users/:userId/meetings', async (c) => {
    const call: Call = { operation: 'meetings.create' };
    const pre = await applyFaults(emu, c, call.operation, call);
    if (pre.response) return pre.response;
    const authed = authenticate(emu, c, call);
    if (authed instanceof Response) return authed;
    const logged = { ...call, userId: authed.user.id, tokenId: authed.pair.tokenId };
    if (c.req.param('userId') !== 'me' && c.req.param('userId') !== authed.user.id) {
      logCall(emu, c, logged, 400);
      return restError(c, 400, 1001, `User does not exist: ${c.req.param('userId')}.`);
    }
    const refused =
      requireScope(emu, c, logged, authed, 'meeting:write:meeting') ?? perSecond(emu, c, logged, authed.user, 'medium');
    if (refused) return refused;
    let body: unknown;
    try {
      body = JSON.parse((await c.req.text()) || 'null');
    } catch {
      logCall(emu, c, logged, 400);
      return restError(c, 400, 300, 'Request Body should be a valid JSON object.');
    }
    const validated = validateCreate(emu, authed.user, body);
    if (!validated.value) {
      logCall(emu, c, logged, 400);
      return restError(c, 400, 300, 'Validation Failed.', { errors: validated.errors });
    }
    // Per-user daily limit: 100 creates per UTC day (§6.2).
    const now = emu.clock.now();
    const dayKey = `${authed.user.id}|${utcDay(now)}`;
    const used = emu.state.dailyCreates.get(dayKey) ?? 0;
    const limit = emu.options.dailyMeetingCreateLimit;
    c.header('X-RateLimit-Limit', String(limit));
    if (used >= limit) {
      logCall(emu, c, logged, 429);
      return dailyLimitAnswer(emu, c, emu.options.dailyLimitAnswer, limit, 'Medium');
    }
    emu.state.dailyCreates.set(dayKey, used + 1);
    c.header('X-RateLimit-Remaining', String(limit - used - 1));
    const v = validated.value;
    const startTime = validated.startMs === undefined ? undefined : isoSeconds(validated.startMs);
    const duration = (v['duration'] as number | undefined) ?? 60;
    const basic = authed.user.type === 1;
    const runsMinutes = basic ? Math.min(duration, BASIC_MEETING_MINUTES) : duration;
    const meeting: EmulatedMeeting = {
      id: newMeetingId(emu.state.meetings),
      uuid: newMeetingUuid(),
      hostId: authed.user.id,
      hostEmail: authed.user.email,
      topic: typeof v['topic'] === 'string' ? v['topic'] : 'Zoom Meeting',
      type: (v['type'] as number | undefined) ?? 2,
      startTime,
      duration,
      endsAt: validated.startMs === undefined ? undefined : isoSeconds(validated.startMs + runsMinutes * 60_000),
      cutAt40: basic && duration > BASIC_MEETING_MINUTES,
      timezone: (v['timezone'] as string | undefined) ?? authed.user.timezone,
      agenda: (v['agenda'] as string | undefined) ?? '',
      password:
        (v['password'] as string | undefined) ??
        randomBytes(6)
          .toString('base64url')
          .replace(/[^a-zA-Z0-9]/g, 'x')
          .slice(0, 8),
      settings: { ...SETTINGS_DEFAULTS, ...((v['settings'] as Record<string, unknown> | undefined) ?? {}) },
      createdAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      deletedAt: undefined,
    };
    emu.state.meetings.set(meeting.id, meeting);
    logCall(emu, c, { ...logged, meetingId: String(meeting.id) }, 201);
    if (pre.afterCommit) return holdForever(emu);
    return c.json(meetingResource(emu, meeting, true), 201);
  });

  const meetingIdOf = (c: Context) => {
    const raw = c.req.param('meetingId') ?? '';
    return /^\d{1,19}$/.test(raw) ? Number(raw) : undefined;
  };

  routes.get('/v2/meetings/:meetingId', async (c) => {
    const call: Call = { operation: 'meetings.get' };
    const pre = await applyFaults(emu, c, call.operation, call);
    if (pre.response) return pre.response;
    const authed = authenticate(emu, c, call);
    if (authed instanceof Response) return authed;
    const logged = {
      ...call,
      userId: authed.user.id,
      tokenId: authed.pair.tokenId,
      meetingId: c.req.param('meetingId'),
    };
    const refused =
      requireScope(emu, c, logged, authed, 'meeting:read:meeting') ?? perSecond(emu, c, logged, authed.user, 'light');
    if (refused) return refused;
    const id = meetingIdOf(c);
    const meeting = id === undefined ? undefined : emu.state.meetings.get(id);
    if (!meeting || meeting.deletedAt || meeting.hostId !== authed.user.id) {
      logCall(emu, c, logged, 404);
      return restError(c, 404, 3001, `Meeting does not exist: ${c.req.param('meetingId')}.`);
    }
    logCall(emu, c, logged, 200);
    return c.json(meetingResource(emu, meeting, true));
  });

  routes.delete('/v2/meetings/:meetingId', async (c) => {
    const call: Call = { operation: 'meetings.delete' };
    const pre = await applyFaults(emu, c, call.operation, call);
    if (pre.response) return pre.response;
    const authed = authenticate(emu, c, call);
    if (authed instanceof Response) return authed;
    const logged = {
      ...call,
      userId: authed.user.id,
      tokenId: authed.pair.tokenId,
      meetingId: c.req.param('meetingId'),
    };
    const refused =
      requireScope(emu, c, logged, authed, 'meeting:delete:meeting') ?? perSecond(emu, c, logged, authed.user, 'light');
    if (refused) return refused;
    const id = meetingIdOf(c);
    const meeting = id === undefined ? undefined : emu.state.meetings.get(id);
    // Another user's meeting answers like a missing one (documented in docs/zoom-emulator.md).
    if (!meeting || meeting.deletedAt || meeting.hostId !== authed.user.id) {
      logCall(emu, c, logged, 404);
      return restError(c, 404, 3001, `Meeting does not exist: ${c.req.param('meetingId')}.`);
    }
    if (inProgress(meeting, emu.clock.now())) {
      logCall(emu, c, logged, 400);
      return restError(c, 400, 3002, "Sorry, you cannot delete this meeting since it's in progress.");
    }
    meeting.deletedAt = emu.clock.now().toISOString();
    if (emu.options.deleteCountsAgainstDailyLimit) {
      const key = `${authed.user.id}|${utcDay(emu.clock.now())}`;
      emu.state.dailyCreates.set(key, (emu.state.dailyCreates.get(key) ?? 0) + 1);
    }
    logCall(emu, c, logged, 204);
    if (pre.afterCommit) return holdForever(emu);
    return c.body(null, 204);
  });

  return routes;
}

/**
 * The Zoom implementation of the meetings port (src/meetings/provider.ts): readiness from the
 * connection, create/delete through the locked-refresh token path, and ZoomErrors translated into
 * provider-neutral ProviderErrors. Every call is counted by operation and outcome (/metrics).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { and, eq, inArray } from '../../db/orm.ts';
import type { Queries } from '../../db/client.ts';
import { statement } from '../../db/statement.ts';
import { zoomConnections } from '../../db/schema.ts';
import { ProviderError, type MeetingLengthLimit, type MeetingProvider } from '../../meetings/provider.ts';
import { createMeeting, deleteMeeting } from '../../zoom/meetings.ts';
import { isZoomError, type ZoomError } from '../../zoom/zoomErrors.ts';
import { countEvent } from '../../metrics.ts';
import { withZoomAccessToken, ZoomNotConnectedError, type StoredToken, type TokenDeps } from './zoomAccessToken.ts';

/** Since July 2022 Zoom ends every meeting of a Basic (type 1) host after 40 minutes (docs/zoom-facts.md §10.2). */
const BASIC_PLAN_TYPE = 1;
const BASIC_MEETING_MINUTES = 40;

const lengthLimitOf = (planType: number | null): MeetingLengthLimit | undefined =>
  planType === BASIC_PLAN_TYPE ? { maxMinutes: BASIC_MEETING_MINUTES, plan: 'Basic' } : undefined;

function translate(error: unknown): unknown {
  if (error instanceof ZoomNotConnectedError)
    return new ProviderError('not_connected', error.message, { cause: error });
  if (!isZoomError(error)) return error;
  const zoomError: ZoomError = error;
  switch (zoomError.code) {
    case 'zoom_rate_limited':
      return new ProviderError('rate_limited', zoomError.message, {
        retryAt: zoomError.retryAt ?? new Date(Date.now() + 1000),
        daily: zoomError.dailyLimit,
        cause: zoomError,
      });
    case 'zoom_transient':
      return new ProviderError('transient', zoomError.message, {
        maybeApplied: zoomError.maybeApplied,
        cause: zoomError,
      });
    case 'zoom_meeting_in_progress':
      return new ProviderError('in_progress', zoomError.message, { cause: zoomError });
    case 'zoom_refresh_token_dead':
    case 'zoom_access_token_dead':
      return new ProviderError('not_connected', zoomError.message, { cause: zoomError });
    default:
      return new ProviderError('permanent', zoomError.message, {
        maybeApplied: zoomError.maybeApplied,
        cause: zoomError,
      });
  }
}

async function counted<T>(
  operation: string,
  call: () => Promise<T>,
  outcomeOf: (value: T) => string = () => 'ok',
): Promise<T> {
  try {
    const value = await call();
    countEvent('zoom_api_calls_total', 'Zoom API calls by operation and outcome', {
      operation,
      outcome: outcomeOf(value),
    });
    return value;
  } catch (error) {
    const outcome = isZoomError(error)
      ? error.code.replace(/^zoom_/, '')
      : error instanceof ZoomNotConnectedError
        ? 'not_connected'
        : 'error';
    countEvent('zoom_api_calls_total', 'Zoom API calls by operation and outcome', { operation, outcome });
    if (isZoomError(error) && error.maybeApplied && operation === 'meetings.create') {
      countEvent('zoom_ambiguous_creates_total', 'Meeting creates whose answer was lost (docs/product.md §4.6)');
    }
    throw translate(error);
  }
}

/**
 * The host's connection as a create needs it. A declared statement: it is read with every new Zoom
 * record. (Timestamps come back as text from a statement written as SQL.)
 */
const readConnection = statement<
  Omit<StoredToken, 'accessTokenExpiresAt'> & {
    accessTokenExpiresAt: string | null;
    zoomAccountId: string | null;
    planType: number | null;
  }
>(
  'read_zoom_connection',
  `select status, access_token_sealed as "accessTokenSealed", access_token_expires_at as "accessTokenExpiresAt",
     zoom_user_id as "zoomUserId", token_generation as "tokenGeneration", zoom_account_id as "zoomAccountId",
     plan_type as "planType"
   from zoom_connections where user_id = $1::uuid`,
);

export function createZoomMeetingProvider(deps: TokenDeps): MeetingProvider {
  const sendGate = createSendGate(deps.zoom.createsPerSecond);
  return {
    dailyCreateLimit: deps.zoom.dailyCreatesPerUser,
    createsPerSecond: deps.zoom.createsPerSecond,

    async checkHost(db, hostUserId) {
      const [read] = await db.run(readConnection, [hostUserId]);
      const row = read && {
        ...read,
        accessTokenExpiresAt: read.accessTokenExpiresAt === null ? null : new Date(read.accessTokenExpiresAt),
      };
      switch (row?.status) {
        case 'connected':
          // Per-second limits are per Zoom account, shared by its users (docs/zoom-facts.md §6.2).
          return {
            ok: true,
            accountRef: row.zoomUserId ?? '',
            paceKey: row.zoomAccountId ?? row.zoomUserId ?? '',
            lengthLimit: lengthLimitOf(row.planType),
            // The sealed token as read here: a create that follows at once uses it without a read.
            prepared: row satisfies StoredToken,
          };
        case 'needs_reconnect':
          return {
            ok: false,
            code: 'zoom_needs_reconnect',
            message:
              'The host’s Zoom connection needs to be reconnected (Lets Meet → Manage → Reconnect Zoom), or choose another location.',
          };
        case 'deauthorized':
          return {
            ok: false,
            code: 'zoom_deauthorized',
            message:
              'The host removed the Ekosistem app from Zoom. They can connect Zoom again on Lets Meet → Manage, or choose another location.',
          };
        default:
          return {
            ok: false,
            code: 'zoom_not_connected',
            message: 'The host has not connected Zoom. Connect Zoom on Lets Meet → Manage, or choose another location.',
          };
      }
    },

    async meetingLengthLimits(db, hostUserIds) {
      if (hostUserIds.length === 0) return new Map();
      // The plan tier read at connect time (user:read:user); kept while the connection is.
      const rows = await db
        .select({ userId: zoomConnections.userId, planType: zoomConnections.planType })
        .from(zoomConnections)
        .where(and(inArray(zoomConnections.userId, hostUserIds), eq(zoomConnections.planType, BASIC_PLAN_TYPE)));
      return new Map(rows.map((r) => [r.userId, lengthLimitOf(r.planType)!]));
    },

    async createMeeting(hostUserId, request) {
      return counted('meetings.create', () =>
        withZoomAccessToken(
          deps,
          hostUserId,
          async (accessToken, zoomUserId) => {
            // The pacing slot is kept at the last moment, once the token is in hand.
            if (request.pace) await sendGate.pass(request.pace.key, request.pace.notBefore);
            const created = await createMeeting(deps.zoom.api, accessToken, {
              topic: request.title,
              startTime: request.startAt,
              durationMinutes: request.durationMinutes,
              timezone: request.timezone,
              ...(request.description ? { agenda: request.description } : {}),
            });
            return {
              externalId: created.id,
              externalUuid: created.uuid,
              joinUrl: created.joinUrl,
              passcode: created.password,
              accountRef: created.hostId || zoomUserId,
            };
          },
          request.prepared as StoredToken | undefined,
        ),
      );
    },

    async deleteMeeting(accountRef, externalId) {
      const hostUserId = await findConnectedUser(deps.db, accountRef);
      if (!hostUserId) {
        throw new ProviderError('not_connected', 'No one is connected to the Zoom account that created this meeting');
      }
      return counted(
        'meetings.delete',
        () =>
          withZoomAccessToken(deps, hostUserId, async (accessToken, zoomUserId) => {
            // Only the Zoom user that created a meeting deletes it (docs/product.md §3.6): a reconnect as a
            // different Zoom user must not touch it.
            if (zoomUserId !== accountRef) throw new ZoomNotConnectedError('not_connected');
            return deleteMeeting(deps.zoom.api, accessToken, externalId);
          }),
        (result) => result,
      );
    },
  };
}

async function findConnectedUser(db: Queries, zoomUserId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: zoomConnections.userId })
    .from(zoomConnections)
    .where(and(eq(zoomConnections.zoomUserId, zoomUserId), eq(zoomConnections.status, 'connected')));
  return row?.userId;
}

/**
 * The last guard of the pace, in this process: a create whose database slot came late (its
 * token read or the database was slow) must not land in the same second as the ones after it,
 * so per account at most `rate` creates leave within any second (plus a margin), in slot order.
 */
function createSendGate(rate: number) {
  const windowMs = 1000 + 25;
  const limit = Math.max(1, Math.floor(rate));
  const sent = new Map<string, number[]>();
  const queues = new Map<string, Promise<void>>();
  return {
    pass(key: string, notBefore: Date | undefined): Promise<void> {
      const turn = (queues.get(key) ?? Promise.resolve()).then(async () => {
        const wait = (notBefore?.getTime() ?? 0) - Date.now();
        if (wait > 0) await delay(wait);
        const recent = (sent.get(key) ?? []).filter((t) => Date.now() - t < windowMs);
        if (recent.length >= limit) await delay(recent[recent.length - limit]! + windowMs - Date.now());
        recent.push(Date.now());
        sent.set(key, recent.slice(-limit));
      });
      const settled = turn.catch(() => {});
      queues.set(key, settled);
      void settled.then(() => {
        if (queues.get(key) === settled) queues.delete(key);
      });
      return turn;
    },
  };
}

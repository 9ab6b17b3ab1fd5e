/**
 * The R8 baseline: a bare `node:http` server that answers any `GET ?from&to[&duration]` with the
 * free slots of the host BARE_HOST_ID in the ecosystem BARE_ECOSYSTEM_ID, as the app's
 * `GET /api/ecosystems/:id/hosts/:userId/slots` does — the same JSON from the same rows. It shares
 * only the pure slot engine (`listSlots`, src/availability/slots.ts) with the app; instead of Hono,
 * zod, sessions and the app's database layer it has one hand-written query per input: the host's
 * availability, their busy time (the records they host in any ecosystem, from host_time, and the
 * live records they attend), and, under a weekly limit, the starts of their bookings here. Run as
 * its own process by bench/slotsPart.ts:
 *
 *   BARE_DATABASE_URL=postgres://… | BARE_PGLITE_DIR=<copy of DATA_DIR/pgdata>, BARE_ECOSYSTEM_ID, BARE_HOST_ID, PORT
 *
 * Prints `bare slots server listening` when ready.
 */
import { createServer } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import pg from 'pg';
import type { Availability } from '../src/availability/availabilityInput.ts';
import { listSlots } from '../src/availability/slots.ts';

type Query = <R>(text: string, params: unknown[]) => Promise<R[]>;

const DAY = 86_400_000;
const ecosystemId = process.env.BARE_ECOSYSTEM_ID ?? '';
const hostId = process.env.BARE_HOST_ID ?? '';
let query: Query;
let close: () => Promise<void>;
if (process.env.BARE_DATABASE_URL) {
  // The app's pool is 10 connections; the same here.
  const pool = new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 10 });
  query = async <R>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as R[];
  close = () => pool.end();
} else if (process.env.BARE_PGLITE_DIR) {
  // host_time's exclusion constraint (migration 0010) is a GiST index over btree_gist's operators.
  const pglite = await PGlite.create(process.env.BARE_PGLITE_DIR, { extensions: { btree_gist } });
  query = async <R>(text: string, params: unknown[]) => (await pglite.query<R>(text, params)).rows;
  close = () => pglite.close();
} else {
  throw new Error('set BARE_DATABASE_URL or BARE_PGLITE_DIR');
}

const AVAILABILITY = `SELECT a.settings, u.email
  FROM host_availability a
  JOIN memberships m ON m.ecosystem_id = a.ecosystem_id AND m.user_id = a.user_id AND m.role = 'host'
  JOIN users u ON u.id = a.user_id
  WHERE a.ecosystem_id = $1 AND a.user_id = $2 AND a.bookable`;

const BUSY = `SELECT (extract(epoch FROM lower(during)) * 1000)::float8 AS start,
         (extract(epoch FROM upper(during)) * 1000)::float8 AS "end"
  FROM host_time WHERE host_user_id = $1 AND during && tstzrange($2, $3)
  UNION ALL
  SELECT (extract(epoch FROM m.start_at) * 1000)::float8, (extract(epoch FROM m.start_at) * 1000 + m.duration_minutes * 60000)::float8
  FROM attendees a JOIN meetings m ON m.id = a.meeting_id AND m.ecosystem_id = a.ecosystem_id
  WHERE a.email = $4 AND m.status IN ('requested', 'scheduled') AND m.host_user_id <> $1
    AND m.start_at < $3 AND m.start_at + make_interval(mins => m.duration_minutes) > $2`;

const BOOKING_STARTS = `SELECT (extract(epoch FROM start_at) * 1000)::float8 AS start
  FROM meetings
  WHERE ecosystem_id = $1 AND host_user_id = $2 AND kind = 'booking' AND status IN ('requested', 'scheduled')
    AND start_at >= $3 AND start_at < $4`;

const iso = (ms: number) => new Date(ms).toISOString();
/** float8 arrives as a number from pg's parser (PGlite's too); Number() keeps either safe. */
const num = (value: number | string) => Number(value);

async function slots(url: URL): Promise<{ status: number; body: string }> {
  const now = Date.now();
  const fromParam = url.searchParams.get('from');
  const toParam = url.searchParams.get('to');
  const asked = fromParam ? Date.parse(fromParam) : now;
  const from = Math.max(asked, now);
  const to = toParam ? Date.parse(toParam) : from + 7 * DAY;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= asked || to - asked > 31 * DAY)
    return { status: 400, body: '{"error":{"code":"validation_error"}}' };
  const [host] = await query<{ settings: Availability; email: string }>(AVAILABILITY, [ecosystemId, hostId]);
  if (!host) return { status: 404, body: '{"error":{"code":"not_found"}}' };
  const rules = host.settings;
  const durationParam = url.searchParams.get('duration');
  const durationMinutes = durationParam ? Number(durationParam) : rules.durations[0]!;
  if (!rules.durations.includes(durationMinutes))
    return { status: 400, body: '{"error":{"code":"duration_not_offered"}}' };
  const reach = (durationMinutes + rules.bufferBeforeMinutes + rules.bufferAfterMinutes) * 60_000;
  const [busy, bookings] = await Promise.all([
    query<{ start: number | string; end: number | string }>(BUSY, [
      hostId,
      iso(from - reach),
      iso(to + reach),
      host.email,
    ]),
    rules.weeklyLimit
      ? query<{ start: number | string }>(BOOKING_STARTS, [ecosystemId, hostId, iso(from - 8 * DAY), iso(to + 8 * DAY)])
      : [],
  ]);
  const free = listSlots(rules, {
    from,
    to,
    now,
    durationMinutes,
    busy: busy.map((b) => ({ start: num(b.start), end: num(b.end) })),
    bookingStarts: bookings.map((b) => num(b.start)),
  });
  return {
    status: 200,
    body: JSON.stringify({
      timezone: rules.timezone,
      durationMinutes,
      items: free.map((s) => ({ start: iso(s.start), end: iso(s.end) })),
    }),
  };
}

const server = createServer((req, res) => {
  slots(new URL(req.url ?? '/', 'http://bare')).then(
    ({ status, body }) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    },
    (error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    },
  );
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`bare slots server listening on ${(server.address() as { port: number }).port}\n`);
});
const stop = () => server.close(() => void close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

/**
 * The R6 baseline: a bare `node:http` server that answers any GET with the same records the app's
 * `GET /api/ecosystems/:id/meetings` returns for the ecosystem BARE_ECOSYSTEM_ID — the meetings,
 * their host's name and email, attendees and live Zoom meeting (join URL, id, passcode) — as
 * equivalent JSON built with JSON.stringify. No sessions, policies, validation or framework: what
 * reading those rows costs at the least. Run as its own process by bench/run.ts:
 *
 *   BARE_DATABASE_URL=postgres://… | BARE_PGLITE_DIR=<copy of DATA_DIR/pgdata>, BARE_ECOSYSTEM_ID, PORT
 *
 * Prints `bare list server listening` when ready.
 */
import { createServer } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import pg from 'pg';

type Query = <R>(text: string, params: unknown[]) => Promise<R[]>;

const ecosystemId = process.env.BARE_ECOSYSTEM_ID ?? '';
let query: Query;
let close: () => Promise<void>;
if (process.env.BARE_DATABASE_URL) {
  // The app's pool is 10 connections; the same here.
  const pool = new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 10 });
  query = async <R>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as R[];
  close = () => pool.end();
} else if (process.env.BARE_PGLITE_DIR) {
  // The copy holds the app's schema, whose exclusion constraint (migration 0010) needs btree_gist.
  const pglite = await PGlite.create(process.env.BARE_PGLITE_DIR, { extensions: { btree_gist } });
  query = async <R>(text: string, params: unknown[]) => (await pglite.query<R>(text, params)).rows;
  close = () => pglite.close();
} else {
  throw new Error('set BARE_DATABASE_URL or BARE_PGLITE_DIR');
}

interface MeetingRow {
  id: string;
  ecosystem_id: string;
  kind: string;
  title: string;
  description: string;
  start_at: Date | string;
  duration_minutes: number;
  timezone: string;
  status: string;
  host_user_id: string;
  created_by: string;
  location_type: string;
  location_address: string | null;
  location_url: string | null;
  zoom_status: string;
  zoom_detail: string | null;
  zoom_retry_at: Date | string | null;
  created_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

async function list(): Promise<string> {
  const rows = await query<MeetingRow>('SELECT * FROM meetings WHERE ecosystem_id = $1 ORDER BY start_at', [
    ecosystemId,
  ]);
  const ids = rows.map((r) => r.id);
  const hostIds = [...new Set(rows.map((r) => r.host_user_id))];
  const [hosts, provided, people] = await Promise.all([
    query<{ id: string; name: string; email: string }>('SELECT id, name, email FROM users WHERE id = ANY($1::uuid[])', [
      hostIds,
    ]),
    query<{ meeting_id: string; external_id: string | null; join_url: string | null; passcode: string | null }>(
      `SELECT meeting_id, external_id, join_url, passcode FROM provider_meetings WHERE meeting_id = ANY($1::uuid[]) AND state = 'live'`,
      [ids],
    ),
    query<{ meeting_id: string; email: string; name: string; kind: string }>(
      'SELECT meeting_id, email, name, kind FROM attendees WHERE meeting_id = ANY($1::uuid[]) ORDER BY created_at, email',
      [ids],
    ),
  ]);
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  const liveById = new Map(provided.map((p) => [p.meeting_id, p]));
  const peopleById = new Map<string, { email: string; name: string; kind: string }[]>();
  for (const p of people) {
    const list = peopleById.get(p.meeting_id) ?? [];
    list.push({ email: p.email, name: p.name, kind: p.kind });
    peopleById.set(p.meeting_id, list);
  }
  const items = rows.map((row) => {
    const live = liveById.get(row.id);
    return {
      id: row.id,
      ecosystemId: row.ecosystem_id,
      kind: row.kind,
      title: row.title,
      description: row.description,
      startTime: iso(row.start_at),
      durationMinutes: row.duration_minutes,
      timezone: row.timezone,
      status: row.status,
      host: hostById.get(row.host_user_id) ?? { id: row.host_user_id, name: '', email: '' },
      createdBy: row.created_by,
      location:
        row.location_type === 'in_person'
          ? { type: 'in_person', address: row.location_address ?? '' }
          : row.location_type === 'link'
            ? { type: 'link', url: row.location_url ?? '' }
            : { type: 'zoom' },
      attendees: peopleById.get(row.id) ?? [],
      zoom: {
        status: row.zoom_status,
        ...(live?.join_url ? { joinUrl: live.join_url } : {}),
        ...(live?.external_id ? { meetingId: live.external_id } : {}),
        ...(live?.passcode ? { passcode: live.passcode } : {}),
        ...(row.zoom_detail ? { detail: row.zoom_detail } : {}),
        ...(row.zoom_retry_at ? { retryAt: iso(row.zoom_retry_at) } : {}),
      },
      createdAt: iso(row.created_at),
    };
  });
  return JSON.stringify({ items });
}

const server = createServer((_req, res) => {
  list().then(
    (body) => {
      res.writeHead(200, {
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
  process.stdout.write(`bare list server listening on ${(server.address() as { port: number }).port}\n`);
});
const stop = () => server.close(() => void close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

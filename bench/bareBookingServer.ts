/**
 * R1/R2's floor: a bare `node:http` server doing the least a booking that can never lose or double
 * a Zoom meeting must do — what the durability guarantee costs by itself, with no sign-in, policy,
 * validation, framework, job queue or mail:
 *
 *   commit the record and its claim → call Zoom's create → commit the meeting → answer the join URL.
 *
 * One transaction before the call (the claim must be durable before Zoom is asked) and one after
 * (the meeting must be durable before it is answered), each on its own connection checkout, as the
 * app's are. Its own table (`bare_bookings`) in the same database, so the commits are the same
 * fsyncs. Run as its own process by bench/createParts.ts:
 *
 *   BARE_DATABASE_URL=postgres://… | BARE_PGLITE_DIR=<an empty directory>, ZOOM_API_BASE_URL, ZOOM_TOKEN, PORT
 *
 * Prints `bare booking server listening` when ready.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

type Transaction = (statements: { text: string; params: unknown[] }[]) => Promise<void>;

let transaction: Transaction;
let close: () => Promise<void>;
if (process.env.BARE_DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 10 });
  transaction = async (statements) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const s of statements) await client.query(s.text, s.params);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  close = () => pool.end();
} else if (process.env.BARE_PGLITE_DIR) {
  const pglite = await PGlite.create(process.env.BARE_PGLITE_DIR);
  transaction = async (statements) => {
    await pglite.transaction(async (tx) => {
      for (const s of statements) await tx.query(s.text, s.params);
    });
  };
  close = () => pglite.close();
} else {
  throw new Error('set BARE_DATABASE_URL or BARE_PGLITE_DIR');
}

await transaction([
  { text: 'CREATE TABLE IF NOT EXISTS bare_bookings (id uuid PRIMARY KEY, title text NOT NULL, state text NOT NULL, join_url text, updated_at timestamptz NOT NULL)', params: [] },
]);

const zoomBase = process.env.ZOOM_API_BASE_URL ?? '';
const token = process.env.ZOOM_TOKEN ?? '';

async function book(body: string): Promise<{ id: string; joinUrl: string }> {
  const input = JSON.parse(body) as { title: string; startTime: string; durationMinutes: number };
  const id = randomUUID();
  await transaction([{ text: `INSERT INTO bare_bookings (id, title, state, updated_at) VALUES ($1, $2, 'creating', now())`, params: [id, input.title] }]);
  const response = await fetch(`${zoomBase}/v2/users/me/meetings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ topic: input.title, type: 2, start_time: input.startTime, duration: input.durationMinutes, timezone: 'UTC' }),
  });
  const created = (await response.json()) as { join_url?: string };
  if (response.status !== 201 || !created.join_url) throw new Error(`Zoom answered ${response.status}`);
  await transaction([{ text: `UPDATE bare_bookings SET state = 'live', join_url = $2, updated_at = now() WHERE id = $1`, params: [id, created.join_url] }]);
  return { id, joinUrl: created.join_url };
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    book(Buffer.concat(chunks).toString('utf8')).then(
      (booked) => {
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify(booked));
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      },
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare booking server listening'));
process.on('SIGTERM', () => server.close(() => void close().then(() => process.exit(0))));

/**
 * What the bench's floors share (bench/bareBookingServer.ts, bench/stackBookingServer.ts): their
 * database (their own tables in the bench's database, or their own PGlite directory), the attendee's
 * mail written with template strings, and the booking itself — commit the record's claim, call
 * Zoom's create, commit the meeting — with room for the caller's own statements in each of the two
 * transactions.
 *
 *   BARE_DATABASE_URL=postgres://… | BARE_PGLITE_DIR=<an empty directory>, ZOOM_API_BASE_URL, ZOOM_TOKEN
 */
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** One statement of a transaction; resolves to its rows. */
export type Run = (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;

export interface BareStore {
  /** BEGIN, the statements `work` runs (each awaited before the next, as plain code does), COMMIT. */
  transaction<T>(work: (run: Run) => Promise<T>): Promise<T>;
  /** One statement on its own (autocommit). */
  query: Run;
  /** Where the store is, for a job queue of the floor's own. */
  where: { databaseUrl: string } | { pglite: PGlite };
  close(): Promise<void>;
}

export async function openBareStore(): Promise<BareStore> {
  let store: BareStore;
  if (process.env.BARE_DATABASE_URL) {
    const databaseUrl = process.env.BARE_DATABASE_URL;
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    store = {
      async transaction(work) {
        // Each transaction on its own connection checkout, as the app's are.
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work((text, params) => client.query(text, params));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
      query: (text, params) => pool.query(text, params),
      where: { databaseUrl },
      close: () => pool.end(),
    };
  } else if (process.env.BARE_PGLITE_DIR) {
    const pglite = await PGlite.create(process.env.BARE_PGLITE_DIR);
    store = {
      transaction: (work) => pglite.transaction((tx) => work((text, params) => tx.query(text, params))),
      query: (text, params) => pglite.query(text, params),
      where: { pglite },
      close: () => pglite.close(),
    };
  } else {
    throw new Error('set BARE_DATABASE_URL or BARE_PGLITE_DIR');
  }
  await store.transaction(async (run) => {
    await run(
      'CREATE TABLE IF NOT EXISTS bare_bookings (id uuid PRIMARY KEY, title text NOT NULL, state text NOT NULL, join_url text, updated_at timestamptz NOT NULL)',
    );
    await run(
      'CREATE TABLE IF NOT EXISTS bare_mails (id uuid PRIMARY KEY, to_address text NOT NULL, subject text NOT NULL, text_body text NOT NULL, html_body text NOT NULL, ics text NOT NULL, sent_at timestamptz)',
    );
  });
  return store;
}

export interface BookingInput {
  title: string;
  startTime: string;
  durationMinutes: number;
  attendee?: string | undefined;
}

export type BareMail = { id: string; to: string; subject: string; text: string; html: string; ics: string };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const icsText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
const icsTime = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function mailFor(
  id: string,
  to: string,
  title: string,
  startTime: string,
  durationMinutes: number,
  joinUrl: string,
): BareMail {
  const start = new Date(startTime);
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//bench//bare//EN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${id}@bench.example`,
    'SEQUENCE:0',
    `DTSTAMP:${icsTime(new Date())}`,
    `DTSTART:${icsTime(start)}`,
    `DTEND:${icsTime(end)}`,
    `SUMMARY:${icsText(title)}`,
    `LOCATION:${icsText(joinUrl)}`,
    `ATTENDEE;RSVP=TRUE:mailto:${to}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  return {
    id,
    to,
    subject: `You're invited: ${title}`,
    text: `${title}\n${start.toUTCString()} (${durationMinutes} minutes)\nJoin Zoom: ${joinUrl}\n`,
    html: `<p><strong>${escapeHtml(title)}</strong></p><p>${escapeHtml(start.toUTCString())} (${durationMinutes} minutes)</p><p><a href="${escapeHtml(joinUrl)}">Join Zoom</a></p>`,
    ics,
  };
}

/** nodemailer's message for a stored mail. */
export const mailMessage = (mail: BareMail) => ({
  from: 'bench@bench.example',
  to: mail.to,
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  icalEvent: { method: 'REQUEST', content: mail.ics },
});

/** What a caller adds to the booking's two transactions (the stack floor's jobs). */
export interface BookingSteps {
  /** In the claim's transaction, after the record's insert. */
  claimed?(run: Run, id: string): Promise<void>;
  /** In the meeting's transaction, after the record is live and its mail stored. */
  live?(run: Run, id: string, mail: BareMail | undefined): Promise<void>;
}

/**
 * Commits the record's claim, calls Zoom's create, then commits the meeting (with the attendee's
 * mail when `withMail` and the input names one). Throws when Zoom does not answer 201.
 */
export async function bookBare(
  store: BareStore,
  input: BookingInput,
  options: { withMail: boolean; steps?: BookingSteps },
): Promise<{ id: string; joinUrl: string; mail?: BareMail }> {
  const id = randomUUID();
  await store.transaction(async (run) => {
    await run(`INSERT INTO bare_bookings (id, title, state, updated_at) VALUES ($1, $2, 'creating', now())`, [
      id,
      input.title,
    ]);
    await options.steps?.claimed?.(run, id);
  });
  const response = await fetch(`${process.env.ZOOM_API_BASE_URL ?? ''}/v2/users/me/meetings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${process.env.ZOOM_TOKEN ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      topic: input.title,
      type: 2,
      start_time: input.startTime,
      duration: input.durationMinutes,
      timezone: 'UTC',
    }),
  });
  const created = (await response.json()) as { join_url?: string };
  if (response.status !== 201 || !created.join_url) throw new Error(`Zoom answered ${response.status}`);
  const mail =
    options.withMail && input.attendee
      ? mailFor(randomUUID(), input.attendee, input.title, input.startTime, input.durationMinutes, created.join_url)
      : undefined;
  await store.transaction(async (run) => {
    await run(`UPDATE bare_bookings SET state = 'live', join_url = $2, updated_at = now() WHERE id = $1`, [
      id,
      created.join_url,
    ]);
    if (mail)
      await run(
        'INSERT INTO bare_mails (id, to_address, subject, text_body, html_body, ics) VALUES ($1, $2, $3, $4, $5, $6)',
        [mail.id, mail.to, mail.subject, mail.text, mail.html, mail.ics],
      );
    await options.steps?.live?.(run, id, mail);
  });
  return { id, joinUrl: created.join_url, ...(mail ? { mail } : {}) };
}

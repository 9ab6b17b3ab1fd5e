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
 * With BARE_SMTP_URL it is also R3's floor: a booking naming an `attendee` stores the attendee's mail
 * (text, HTML and an ICS invite carrying the join URL, written with template strings) in the
 * meeting's transaction, sends it over pooled SMTP with nodemailer after answering, and marks it
 * sent — a durable mail, the least "through its mail being sent" can cost.
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
  { text: 'CREATE TABLE IF NOT EXISTS bare_mails (id uuid PRIMARY KEY, to_address text NOT NULL, subject text NOT NULL, text_body text NOT NULL, html_body text NOT NULL, ics text NOT NULL, sent_at timestamptz)', params: [] },
]);

type BareMail = { id: string; to: string; subject: string; text: string; html: string; ics: string };
const smtpUrl = process.env.BARE_SMTP_URL;
const mailer = smtpUrl ? (await import('nodemailer')).default.createTransport(`${smtpUrl}${smtpUrl.includes('?') ? '&' : '?'}pool=true`) : undefined;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const icsText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
const icsTime = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function mailFor(id: string, to: string, title: string, startTime: string, durationMinutes: number, joinUrl: string): BareMail {
  const start = new Date(startTime);
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const ics = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//bare//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT',
    `UID:${id}@bench.example`, 'SEQUENCE:0', `DTSTAMP:${icsTime(new Date())}`, `DTSTART:${icsTime(start)}`, `DTEND:${icsTime(end)}`,
    `SUMMARY:${icsText(title)}`, `LOCATION:${icsText(joinUrl)}`, `ATTENDEE;RSVP=TRUE:mailto:${to}`, 'END:VEVENT', 'END:VCALENDAR', '',
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

async function sendMail(mail: BareMail): Promise<void> {
  await mailer!.sendMail({
    from: 'bench@bench.example',
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    icalEvent: { method: 'REQUEST', content: mail.ics },
  });
  await transaction([{ text: 'UPDATE bare_mails SET sent_at = now() WHERE id = $1', params: [mail.id] }]);
}

const zoomBase = process.env.ZOOM_API_BASE_URL ?? '';
const token = process.env.ZOOM_TOKEN ?? '';

async function book(body: string): Promise<{ id: string; joinUrl: string; mail?: BareMail }> {
  const input = JSON.parse(body) as { title: string; startTime: string; durationMinutes: number; attendee?: string };
  const id = randomUUID();
  await transaction([{ text: `INSERT INTO bare_bookings (id, title, state, updated_at) VALUES ($1, $2, 'creating', now())`, params: [id, input.title] }]);
  const response = await fetch(`${zoomBase}/v2/users/me/meetings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ topic: input.title, type: 2, start_time: input.startTime, duration: input.durationMinutes, timezone: 'UTC' }),
  });
  const created = (await response.json()) as { join_url?: string };
  if (response.status !== 201 || !created.join_url) throw new Error(`Zoom answered ${response.status}`);
  const mail = mailer && input.attendee ? mailFor(randomUUID(), input.attendee, input.title, input.startTime, input.durationMinutes, created.join_url) : undefined;
  await transaction([
    { text: `UPDATE bare_bookings SET state = 'live', join_url = $2, updated_at = now() WHERE id = $1`, params: [id, created.join_url] },
    ...(mail ? [{ text: 'INSERT INTO bare_mails (id, to_address, subject, text_body, html_body, ics) VALUES ($1, $2, $3, $4, $5, $6)', params: [mail.id, mail.to, mail.subject, mail.text, mail.html, mail.ics] }] : []),
  ]);
  return { id, joinUrl: created.join_url, ...(mail ? { mail } : {}) };
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    book(Buffer.concat(chunks).toString('utf8')).then(
      (booked) => {
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: booked.id, joinUrl: booked.joinUrl }));
        if (booked.mail) sendMail(booked.mail).catch((error: unknown) => console.error('bare mail failed', error));
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      },
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare booking server listening'));
process.on('SIGTERM', () => server.close(() => void close().then(() => { mailer?.close(); process.exit(0); })));

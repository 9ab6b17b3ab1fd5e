import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { SMTPServer } from 'smtp-server';
import { eq } from '../db/orm.ts';
import { createLogger } from '../logger.ts';
import { createJobQueue, type JobQueue } from '../jobs/jobQueue.ts';
import { handleJob } from '../jobs/defineJob.ts';
import { mailMessages } from '../db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/testDatabase.ts';
import { createMailTransport, type MailTransport } from './mailTransport.ts';
import { queueMail, sendMailHandler, sendMailJob } from './sendMailJob.ts';
import { renderMeetingMail, type MeetingForMail } from './renderMeetingMail.ts';
import { createMailboxRoutes } from './mailboxRoutes.ts';
import { SYSTEM_NOTICE } from './mailGate.ts';

const meeting: MeetingForMail = {
  id: '7d0c7a52-0f55-4f4e-9a51-1b1d2a3c4d5e',
  kind: 'booking',
  title: 'Intro <script>alert(1)</script>',
  description: 'Bring your deck',
  startAt: new Date('2031-06-15T07:00:00Z'),
  durationMinutes: 45,
  timezone: 'Europe/Helsinki',
  hostName: 'Hana Host',
  hostEmail: 'host@example.com',
  location: {
    type: 'zoom',
    joinUrl: 'http://127.0.0.1:4010/j/81234567890?pwd=abc',
    passcode: 'abc123',
    meetingId: '81234567890',
  },
  sequence: 2,
  recordUrl: 'http://localhost:3000/meetings/7d0c7a52-0f55-4f4e-9a51-1b1d2a3c4d5e',
};
const recipient = { email: 'guest@example.com', name: 'Guest' };

test('an invitation carries the join URL in text, HTML and as the ICS LOCATION, with UID and SEQUENCE', () => {
  const mail = renderMeetingMail(meeting, recipient, 'invitation');
  assert.match(mail.text, /Join Zoom: http:\/\/127\.0\.0\.1:4010\/j\/81234567890\?pwd=abc/);
  assert.match(mail.text, /Passcode: abc123/);
  assert.match(mail.text, /10:00–10:45 \(Europe\/Helsinki\)/, 'shown in the record timezone (UTC+3 in June)');
  assert.match(mail.html, /href="http:\/\/127\.0\.0\.1:4010\/j\/81234567890\?pwd=abc"/);
  assert.doesNotMatch(mail.html, /<script>alert/);
  assert.match(mail.html, /&lt;script&gt;/);
  const ics = mail.ics!.replace(/\r\n /g, '');
  assert.match(ics, /METHOD:REQUEST/);
  assert.match(ics, /UID:7d0c7a52-0f55-4f4e-9a51-1b1d2a3c4d5e@ekosistem\.app/);
  assert.match(ics, /SEQUENCE:2/);
  assert.match(ics, /LOCATION:http:\/\/127\.0\.0\.1:4010\/j\/81234567890\?pwd=abc/);
  assert.match(ics, /DTSTART:20310615T070000Z/);
  assert.match(ics, /STATUS:CONFIRMED/);
  // The calendar event names the record and what it is, in the reader's language (English here).
  assert.match(ics, /^SUMMARY:Intro <script>alert\(1\)<\/script> · Lets Meet booking\r?$/m);
  assert.match(mail.html, /^<!doctype html><html lang="en">/);
});

test('a cancellation is METHOD:CANCEL with STATUS:CANCELLED and no join link', () => {
  const mail = renderMeetingMail(meeting, recipient, 'cancellation');
  assert.match(mail.ics!, /METHOD:CANCEL/);
  assert.match(mail.ics!, /STATUS:CANCELLED/);
  assert.doesNotMatch(mail.text, /Join Zoom/);
  assert.match(mail.subject, /^Cancelled:/);
});

test('a pending Zoom meeting says the link follows by email', () => {
  const mail = renderMeetingMail({ ...meeting, location: { type: 'zoom' } }, recipient, 'invitation');
  assert.match(mail.text, /you will get the link by email/);
  assert.doesNotMatch(mail.ics!, /LOCATION:/);
});

let t: TestDatabase;
let queue: JobQueue;
let transport: MailTransport;
let smtp: SMTPServer;
let smtpPort = 0;
const received: { to: string[]; raw: string }[] = [];
let delivered: () => void = () => {};

before(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
        callback();
        delivered();
      });
    },
  });
  smtp.on('error', () => {}); // a pooled connection reset by its client is not a test failure
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  smtpPort = (smtp.server.address() as { port: number }).port;
  queue = createJobQueue(t.database, createLogger({ level: 'silent' }));
  transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
  await queue.start([handleJob(sendMailJob, sendMailHandler({ db: t.database.db, transport }))], { work: false });
});
after(async () => {
  await queue.stop();
  transport.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.close();
});

test('a queued message reaches a real SMTP server on loopback, with its calendar part, and is marked sent', async () => {
  const rendered = renderMeetingMail(meeting, recipient, 'invitation');
  const id = await t.database.db.transaction((tx) =>
    queueMail(tx, queue, { to: recipient.email, ...rendered, pass: SYSTEM_NOTICE }),
  );
  const arrived = new Promise<void>((resolve) => (delivered = resolve));
  assert.equal(await queue.runDueJobs(), 1);
  await arrived;
  assert.equal(received.length, 1);
  const [message] = received;
  assert.deepEqual(message!.to, ['guest@example.com']);
  const raw = message!.raw.replace(/=\r\n/g, '');
  assert.match(raw, /^Subject: You=E2=80=99re invited|^Subject: .*invited/m);
  assert.match(raw, /text\/calendar; charset=utf-8; method=REQUEST/i);
  assert.match(raw, /81234567890/);
  // The row id is the Message-ID, so a retried delivery is recognisably the same message.
  assert.match(raw, new RegExp(`Message-ID: <${id}@ekosistem\\.app>`, 'i'));
  const [row] = await t.database.db.select().from(mailMessages).where(eq(mailMessages.id, id));
  assert.equal(row!.status, 'sent');
  // Idempotent: running again sends nothing more.
  assert.equal(await queue.runDueJobs(), 0);
  assert.equal(received.length, 1);
});

test('a message queued in a rolled-back transaction leaves no row and no job', async () => {
  const before = (await t.database.db.select().from(mailMessages)).length;
  await assert.rejects(
    t.database.db.transaction(async (tx) => {
      await queueMail(tx, queue, {
        to: 'x@example.com',
        subject: 's',
        text: 't',
        html: '<p>t</p>',
        pass: SYSTEM_NOTICE,
      });
      throw new Error('roll back');
    }),
  );
  assert.equal((await t.database.db.select().from(mailMessages)).length, before);
  assert.equal(await queue.runDueJobs(), 0);
});

test('/dev/mailbox lists stored messages and shows the invite, escaped', async () => {
  const routes = createMailboxRoutes({ db: t.database.db });
  const list = await routes.request('/messages.json');
  const { items } = (await list.json()) as { items: { id: string; subject: string }[] };
  assert.ok(items.length >= 1);
  const pageResponse = await routes.request('/');
  assert.match(await pageResponse.text(), /&lt;script&gt;/);
  const detail = await routes.request(`/${items[0]!.id}`);
  assert.equal(detail.status, 200);
  const ics = await routes.request(`/${items[0]!.id}/invite.ics`);
  assert.equal(ics.headers.get('content-type'), 'text/calendar; charset=utf-8');
  assert.equal((await routes.request('/not-a-uuid')).status, 404);
});

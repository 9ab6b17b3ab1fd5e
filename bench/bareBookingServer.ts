/**
 * R1/R2's floor: a bare `node:http` server doing the least a booking that can never lose or double
 * a Zoom meeting must do — what the durability guarantee costs by itself, with no sign-in, policy,
 * validation, framework, job queue or mail:
 *
 *   commit the record and its claim → call Zoom's create → commit the meeting → answer the join URL.
 *
 * One transaction before the call (the claim must be durable before Zoom is asked) and one after
 * (the meeting must be durable before it is answered), each on its own connection checkout, as the
 * app's are (bench/bareBooking.ts). Its own table (`bare_bookings`) in the same database, so the
 * commits are the same fsyncs. Run as its own process by bench/createParts.ts:
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
import { createServer } from 'node:http';
import { bookBare, mailMessage, openBareStore, type BareMail, type BookingInput } from './bareBooking.ts';

const store = await openBareStore();
const smtpUrl = process.env.BARE_SMTP_URL;
const mailer = smtpUrl
  ? (await import('nodemailer')).default.createTransport(`${smtpUrl}${smtpUrl.includes('?') ? '&' : '?'}pool=true`)
  : undefined;

async function sendMail(mail: BareMail): Promise<void> {
  await mailer!.sendMail(mailMessage(mail));
  await store.transaction((run) => run('UPDATE bare_mails SET sent_at = now() WHERE id = $1', [mail.id]));
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    Promise.resolve()
      .then(() => bookBare(store, JSON.parse(body) as BookingInput, { withMail: mailer !== undefined }))
      .then(
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
process.on('SIGTERM', () =>
  server.close(
    () =>
      void store.close().then(() => {
        mailer?.close();
        process.exit(0);
      }),
  ),
);

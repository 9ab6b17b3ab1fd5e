/**
 * R3's stack floor: R3's floor (bench/bareBookingServer.ts) with what the chosen stack (the
 * developers' guide) puts on every durable booking, and nothing of the app's own:
 *
 * - HTTP through Hono on @hono/node-server, with Hono's secure-headers and body-limit middleware
 *   and the body validated by a zod schema through @hono/zod-openapi;
 * - the Zoom call and the mail as durable pg-boss jobs, enqueued in the domain's transactions: a
 *   backstop job in the claim's transaction (due later, for a create that never finishes) removed
 *   in the meeting's transaction, and the mail's job in the meeting's transaction, run by a worker
 *   that fetches up to 20 at a time, sends them with nodemailer, marks them sent, and completes them.
 *
 * No sign-in, policy, drizzle, logging, metrics or templates. pg-boss keeps its own schema
 * (`bare_pgboss`), polls every second and does not LISTEN; the statements are sent one after
 * another, as the bare floor's are. Run as its own process by bench/createParts.ts:
 *
 *   BARE_DATABASE_URL=postgres://… | BARE_PGLITE_DIR=<an empty directory>, ZOOM_API_BASE_URL, ZOOM_TOKEN, BARE_SMTP_URL, PORT
 *
 * Prints `bare booking server listening` when ready.
 */
import { serve } from '@hono/node-server';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import nodemailer from 'nodemailer';
import { PgBoss, fromPglite } from 'pg-boss';
import { bookBare, mailMessage, openBareStore, type BareMail, type Run } from './bareBooking.ts';

const store = await openBareStore();
const smtpUrl = process.env.BARE_SMTP_URL;
if (!smtpUrl) throw new Error('set BARE_SMTP_URL');
const mailer = nodemailer.createTransport(`${smtpUrl}${smtpUrl.includes('?') ? '&' : '?'}pool=true`);

const BACKSTOP = 'bare.backstop';
const MAIL = 'bare.mail';
const common = { schema: 'bare_pgboss', schedule: false, useListenNotify: false } as const;
const boss =
  'pglite' in store.where
    ? new PgBoss({ db: fromPglite(store.where.pglite), backend: 'pglite', ...common })
    : new PgBoss({ connectionString: store.where.databaseUrl, max: 4, ...common });
boss.on('error', (error: unknown) => console.error('bare job queue error', error));
await boss.start();
for (const name of [BACKSTOP, MAIL]) if (!(await boss.getQueue(name))) await boss.createQueue(name);
/** pg-boss's statements inside the caller's transaction. */
const inTransaction = (run: Run) => ({ db: { executeSql: (text: string, values?: unknown[]) => run(text, values) } });

// The backstop only has to exist: a create still unfinished after two minutes would be looked into.
await boss.work(BACKSTOP, { pollingIntervalSeconds: 60 }, async () => {});
await boss.work<{ mailId: string }>(
  MAIL,
  { batchSize: 20, burstWhenBatchFull: true, pollingIntervalSeconds: 1 },
  async (jobs) => {
    const ids = jobs.map((job) => job.data.mailId);
    const { rows } = await store.query(
      'SELECT id, to_address, subject, text_body, html_body, ics FROM bare_mails WHERE id = ANY($1) AND sent_at IS NULL',
      [ids],
    );
    const mails = (
      rows as { id: string; to_address: string; subject: string; text_body: string; html_body: string; ics: string }[]
    ).map(
      (row): BareMail => ({
        id: row.id,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        ics: row.ics,
      }),
    );
    await Promise.all(mails.map((mail) => mailer.sendMail(mailMessage(mail))));
    await store.query('UPDATE bare_mails SET sent_at = now() WHERE id = ANY($1)', [mails.map((mail) => mail.id)]);
  },
);

const booking = createRoute({
  method: 'post',
  path: '/',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            title: z.string().min(1).max(200),
            startTime: z.iso.datetime(),
            durationMinutes: z.number().int().min(1).max(1440),
            attendee: z.email().optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'booked',
      content: { 'application/json': { schema: z.object({ id: z.string(), joinUrl: z.string() }) } },
    },
  },
});

const app = new OpenAPIHono();
app.use('*', secureHeaders());
// Hono's body limit; a declared length is judged from its header, as the app does, so the body is
// not read through web streams.
const MAX_BODY = 1024 * 1024;
const limit = bodyLimit({ maxSize: MAX_BODY });
app.use('*', (c, next) => {
  const declared = c.req.header('content-length');
  if (declared !== undefined && c.req.header('transfer-encoding') === undefined)
    return Number(declared) > MAX_BODY ? Promise.resolve(c.text('too large', 413)) : next();
  return limit(c, next);
});
app.openapi(booking, async (c) => {
  let backstopId: string | null = null;
  const booked = await bookBare(store, c.req.valid('json'), {
    withMail: true,
    steps: {
      async claimed(run, id) {
        backstopId = await boss.send(BACKSTOP, { id }, { ...inTransaction(run), startAfter: 120 });
      },
      async live(run, _id, mail) {
        if (backstopId) await boss.deleteJob(BACKSTOP, backstopId, inTransaction(run));
        if (mail) await boss.send(MAIL, { mailId: mail.id }, inTransaction(run));
      },
    },
  });
  return c.json({ id: booked.id, joinUrl: booked.joinUrl }, 201);
});

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () =>
  console.log('bare booking server listening'),
);
process.on('SIGTERM', () =>
  server.close(
    () =>
      void boss
        .stop({ graceful: false })
        .then(() => store.close())
        .then(() => {
          mailer.close();
          process.exit(0);
        }),
  ),
);

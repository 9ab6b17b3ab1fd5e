/**
 * `/dev/mailbox` (embedded mode without SMTP_URL): every message the app sent, newest first, so a
 * newcomer sees confirmations, invites and cancellations without a mail server.
 */
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { desc, eq } from '../db/orm.ts';
import type { Queries } from '../db/client.ts';
import { mailMessages } from '../db/schema.ts';
import { isUuid } from '../db/ids.ts';

const STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:1rem auto;padding:0 1rem;color:#1d2330}table{width:100%;border-collapse:collapse}td,th{padding:.4rem;border-bottom:1px solid #dde2ea;text-align:left}pre{white-space:pre-wrap;background:#f6f7fb;padding:.75rem;border-radius:8px}iframe{width:100%;height:420px;border:1px solid #dde2ea;border-radius:8px}td,pre,h1{overflow-wrap:anywhere}@media (max-width:600px){thead{position:absolute;clip-path:inset(50%)}tr{display:block;border-bottom:1px solid #dde2ea;padding:.3rem 0}td{display:block;border:0;padding:.1rem .4rem}}';

const page = (title: string, body: unknown) =>
  html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${raw(STYLE)}</style></head><body><main>${body}</main></body></html>`;

export function createMailboxRoutes(deps: { db: Queries }) {
  const routes = new Hono();

  routes.get('/messages.json', async (c) => {
    const rows = await deps.db.select().from(mailMessages).orderBy(desc(mailMessages.createdAt)).limit(500);
    return c.json({
      items: rows.map((m) => ({
        id: m.id,
        to: m.toAddress,
        subject: m.subject,
        text: m.textBody,
        html: m.htmlBody,
        ics: m.ics,
        status: m.status,
        meetingId: m.meetingId,
        createdAt: m.createdAt.toISOString(),
      })),
    });
  });

  routes.get('/', async (c) => {
    const rows = await deps.db.select().from(mailMessages).orderBy(desc(mailMessages.createdAt)).limit(200);
    return c.html(
      page(
        'Mailbox',
        html`<h1>Mailbox</h1><p>Mail the app sent (no SMTP server is configured). <a href="/">Back to the app</a></p>
        ${
          rows.length === 0
            ? html`<p>No mail yet.</p>`
            : html`<table><thead><tr><th>To</th><th>Subject</th><th>When</th><th>Status</th></tr></thead><tbody>
            ${rows.map(
              (m) =>
                html`<tr><td>${m.toAddress}</td><td><a href="/dev/mailbox/${m.id}">${m.subject}</a></td><td>${m.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</td><td>${m.status}${m.ics ? ' · invite' : ''}</td></tr>`,
            )}</tbody></table>`
        }`,
      ),
    );
  });

  routes.get('/:id/invite.ics', async (c) => {
    const id = c.req.param('id');
    const [m] = isUuid(id) ? await deps.db.select().from(mailMessages).where(eq(mailMessages.id, id)) : [];
    if (!m?.ics) return c.text('No invite', 404);
    return c.body(m.ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="invite.ics"',
    });
  });

  routes.get('/:id', async (c) => {
    const id = c.req.param('id');
    const [m] = isUuid(id) ? await deps.db.select().from(mailMessages).where(eq(mailMessages.id, id)) : [];
    if (!m) return c.html(page('Not found', html`<p>No such message. <a href="/dev/mailbox">Mailbox</a></p>`), 404);
    return c.html(
      page(
        m.subject,
        html`<p><a href="/dev/mailbox">← Mailbox</a></p><h1>${m.subject}</h1><p>To: ${m.toAddress}</p>
        <h2>HTML</h2><iframe sandbox srcdoc="${m.htmlBody}" title="HTML body"></iframe>
        <h2>Text</h2><pre>${m.textBody}</pre>
        ${m.ics ? html`<h2>Calendar invite</h2><p><a href="/dev/mailbox/${m.id}/invite.ics">Download invite.ics</a></p><pre>${m.ics}</pre>` : ''}`,
      ),
    );
  });

  return routes;
}

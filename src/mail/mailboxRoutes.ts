/**
 * `/dev/mailbox` (embedded mode without SMTP_URL): every message the app sent, newest first, so a
 * newcomer sees confirmations, invites and cancellations without a mail server. Its own few texts
 * are in the page's language; the messages are shown as they were sent.
 */
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { desc, eq } from '../db/orm.ts';
import type { Queries } from '../db/client.ts';
import { mailMessages } from '../db/schema.ts';
import { isUuid } from '../db/ids.ts';
import { pageText } from '../i18n/pageText.ts';

const STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:1rem auto;padding:0 1rem;color:#1d2330}table{width:100%;border-collapse:collapse}td,th{padding:.4rem;border-bottom:1px solid #dde2ea;text-align:left}pre{white-space:pre-wrap;background:#f6f7fb;padding:.75rem;border-radius:8px}iframe{width:100%;height:420px;border:1px solid #dde2ea;border-radius:8px}td,pre,h1{overflow-wrap:anywhere}@media (max-width:600px){thead{position:absolute;clip-path:inset(50%)}tr{display:block;border-bottom:1px solid #dde2ea;padding:.3rem 0}td{display:block;border:0;padding:.1rem .4rem}}';

const page = (title: string, body: unknown) =>
  html`<!doctype html><html lang="${pageText().locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${raw(STYLE)}</style></head><body><main>${body}</main></body></html>`;

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
    const { t } = pageText();
    return c.html(
      page(
        t('mail.mailbox.title'),
        html`<h1>${t('mail.mailbox.title')}</h1><p>${t('mail.mailbox.intro')} <a href="/">${t('mail.mailbox.backToApp')}</a></p>
        ${
          rows.length === 0
            ? html`<p>${t('mail.mailbox.empty')}</p>`
            : html`<table><thead><tr><th>${t('mail.mailbox.to')}</th><th>${t('mail.mailbox.subject')}</th><th>${t('mail.mailbox.when')}</th><th>${t('mail.mailbox.status')}</th></tr></thead><tbody>
            ${rows.map(
              (m) =>
                html`<tr><td>${m.toAddress}</td><td><a href="/dev/mailbox/${m.id}">${m.subject}</a></td><td>${m.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</td><td>${m.status}${m.ics ? ` · ${t('mail.mailbox.withInvite')}` : ''}</td></tr>`,
            )}</tbody></table>`
        }`,
      ),
    );
  });

  routes.get('/:id/invite.ics', async (c) => {
    const id = c.req.param('id');
    const [m] = isUuid(id) ? await deps.db.select().from(mailMessages).where(eq(mailMessages.id, id)) : [];
    if (!m?.ics) return c.text(pageText().t('mail.mailbox.noInvite'), 404);
    return c.body(m.ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="invite.ics"',
    });
  });

  routes.get('/:id', async (c) => {
    const id = c.req.param('id');
    const [m] = isUuid(id) ? await deps.db.select().from(mailMessages).where(eq(mailMessages.id, id)) : [];
    const { t } = pageText();
    if (!m) {
      return c.html(
        page(
          t('mail.mailbox.notFound'),
          html`<p>${t('mail.mailbox.noSuchMessage')} <a href="/dev/mailbox">${t('mail.mailbox.title')}</a></p>`,
        ),
        404,
      );
    }
    return c.html(
      page(
        m.subject,
        html`<p><a href="/dev/mailbox">${t('mail.mailbox.backToMailbox')}</a></p><h1>${m.subject}</h1><p>${t('mail.mailbox.to')}: ${m.toAddress}</p>
        <h2>${t('mail.mailbox.htmlPart')}</h2><iframe sandbox srcdoc="${m.htmlBody}" title="${t('mail.mailbox.htmlBody')}"></iframe>
        <h2>${t('mail.mailbox.textPart')}</h2><pre>${m.textBody}</pre>
        ${m.ics ? html`<h2>${t('mail.mailbox.invite')}</h2><p><a href="/dev/mailbox/${m.id}/invite.ics">${t('mail.mailbox.download')}</a></p><pre>${m.ics}</pre>` : ''}`,
      ),
    );
  });

  return routes;
}

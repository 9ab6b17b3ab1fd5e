/**
 * The personal link's page (docs/product.md §13.2): `GET /respond/{token}` shows the record and the
 * one thing the link lets its holder do, and changes nothing (mail scanners open links); its form
 * POSTs the answer. No sign-in: the link is the holder's key.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../appEnv.ts';
import { AppError } from '../../errors.ts';
import { answerRespondLink, readRespondLink, type RespondChoices } from '../../meetings/respondAnswers.ts';
import type { RespondAction } from '../../db/schema.ts';
import { MAX_REASON_LENGTH } from '../../meetings/approval.ts';
import { pageText, pageWhen } from '../../i18n/pageText.ts';
import { meetingDeps, reasonInput } from '../api/meetingsApi.ts';
import { removeNowIfZoom } from '../api/respondApi.ts';
import { errorText } from '../errorText.ts';
import { csrfField, type Html } from '../views/layout.ts';
import { field, renderPage } from './render.ts';

/** The texts of the one thing a link lets its holder do: the page's title, its button, the answer, what happens. */
function actionText(action: RespondAction) {
  const { t } = pageText();
  return {
    title: t(`records.respond.${action}.title`),
    button: t(`records.respond.${action}.button`),
    done: t(`records.respond.${action}.done`),
    explain: t(`records.respond.${action}.explain`),
  };
}

function summary(choices: RespondChoices): Html {
  const { t } = pageText();
  const r = choices.record;
  return html`<p><strong>${r.title}</strong> — ${t(`records.respond.kindWithHost.${r.kind}`, { host: r.hostName })}</p>
<p><strong>${t('records.respond.when')}</strong> ${pageWhen(new Date(r.startTime), r.durationMinutes, r.timezone)}</p>
<p class="muted wrap">${t('records.respond.sentTo', { email: choices.email })}</p>`;
}

function respondView(token: string, choices: RespondChoices, csrfToken: string, error?: string): Html {
  const { t } = pageText();
  const action = choices.actions[0]!;
  const text = actionText(action);
  return html`<h1>${text.title}</h1>
<section class="card">${summary(choices)}</section>
<section class="card">
  <p>${text.explain}</p>
  <form class="stack" method="post" action="/respond/${token}">${csrfField(csrfToken)}
    <input type="hidden" name="action" value="${action}">
    <label>${t('records.respond.reason')} <span class="muted" style="font-weight:400">${t('records.respond.optional')}</span>
      <textarea name="reason" rows="3" maxlength="1000"${error ? html` aria-invalid="true" aria-describedby="reason-error"` : ''}></textarea></label>
    ${error ? html`<p class="field-error" id="reason-error">${error}</p>` : ''}
    <button type="submit" class="danger">${text.button}</button>
  </form>
</section>`;
}

export function respondPages() {
  const pages = new Hono<AppEnv>();

  const gone = (c: Context<AppEnv>, error: AppError) => {
    const { t } = pageText();
    return renderPage(
      c,
      t('records.respond.notValidTitle'),
      html`<h1>${t('records.respond.notValid')}</h1><section class="card"><p>${errorText(error)}</p><p>${t('records.respond.notValidNext')}</p></section>`,
      { status: 404 },
    );
  };

  pages.get('/respond/:token', async (c) => {
    const token = c.req.param('token');
    try {
      const choices = await readRespondLink(meetingDeps(c.var.deps), token);
      return renderPage(c, actionText(choices.actions[0]!).title, respondView(token, choices, c.var.csrfToken));
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return gone(c, error);
      throw error;
    }
  });

  pages.post('/respond/:token', async (c) => {
    const token = c.req.param('token');
    const deps = meetingDeps(c.var.deps);
    const body = await c.req.parseBody();
    try {
      const parsed = reasonInput.safeParse({ reason: field(body, 'reason') });
      if (!parsed.success) {
        const choices = await readRespondLink(deps, token);
        // The one check on a reason is its length.
        const message = pageText().t('records.respond.reasonTooLong', { count: MAX_REASON_LENGTH });
        return renderPage(
          c,
          actionText(choices.actions[0]!).title,
          respondView(token, choices, c.var.csrfToken, message),
          {
            status: 400,
            error: `reason: ${message}`,
          },
        );
      }
      const answer = await answerRespondLink(deps, token, {
        action: field(body, 'action') as RespondAction,
        reason: parsed.data.reason?.trim() || undefined,
      });
      if (answer.done === 'cancel') await removeNowIfZoom(c.var.deps, answer.record.id);
      const { t } = pageText();
      return renderPage(
        c,
        t('records.respond.done'),
        html`<h1>${t('records.respond.done')}</h1><section class="card" role="status"><p>${actionText(answer.done).done}</p>${summary(answer)}</section>`,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.status === 404) return gone(c, error);
      if (error.status === 403) {
        const notAllowed = pageText().t('records.respond.notAllowed');
        return renderPage(c, notAllowed, html`<h1>${notAllowed}</h1>`, { status: 403, error: errorText(error) });
      }
      throw error;
    }
  });

  return pages;
}

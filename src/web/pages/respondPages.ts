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
import { formatWhen } from '../../mail/renderMeetingMail.ts';
import { meetingDeps, reasonInput } from '../api/meetingsApi.ts';
import { removeNowIfZoom } from '../api/respondApi.ts';
import { csrfField, type Html } from '../views/layout.ts';
import { field, renderPage } from './render.ts';

const KIND_WORD = { booking: 'booking', mentorship: 'mentorship session', event: 'online event' } as const;

const ACTION_TEXT: Record<RespondAction, { title: string; button: string; done: string; explain: string }> = {
  decline: {
    title: 'Can’t make it?',
    button: 'Decline',
    done: 'You declined. The host has been told, and you will get no more mail about it.',
    explain:
      'You leave this meeting; the host and the person who invited you are told, with your reason if you give one.',
  },
  cancel: {
    title: 'Cancel your booking?',
    button: 'Cancel the booking',
    done: 'Your booking is cancelled. Everyone on it has been told.',
    explain:
      'The booking is cancelled for everyone, its Zoom meeting (if any) is deleted, and everyone is told, with your reason if you give one.',
  },
  unregister: {
    title: 'Can’t come?',
    button: 'Unregister',
    done: 'You are unregistered. The organizer has been told.',
    explain: 'Your registration is removed and the organizer is told, with your reason if you give one.',
  },
};

function summary(choices: RespondChoices): Html {
  const r = choices.record;
  return html`<p><strong>${r.title}</strong> — a ${KIND_WORD[r.kind]} with ${r.hostName}</p>
<p><strong>When:</strong> ${formatWhen(new Date(r.startTime), r.durationMinutes, r.timezone)}</p>
<p class="muted wrap">This link was sent to ${choices.email}.</p>`;
}

function respondView(token: string, choices: RespondChoices, csrfToken: string, error?: string): Html {
  const action = choices.actions[0]!;
  const text = ACTION_TEXT[action];
  return html`<h1>${text.title}</h1>
<section class="card">${summary(choices)}</section>
<section class="card">
  <p>${text.explain}</p>
  <form class="stack" method="post" action="/respond/${token}">${csrfField(csrfToken)}
    <input type="hidden" name="action" value="${action}">
    <label>Reason <span class="muted" style="font-weight:400">(optional)</span>
      <textarea name="reason" rows="3" maxlength="1000"${error ? html` aria-invalid="true" aria-describedby="reason-error"` : ''}></textarea></label>
    ${error ? html`<p class="field-error" id="reason-error">${error}</p>` : ''}
    <button type="submit" class="danger">${text.button}</button>
  </form>
</section>`;
}

export function respondPages() {
  const pages = new Hono<AppEnv>();

  const gone = (c: Context<AppEnv>, error: AppError) =>
    renderPage(
      c,
      'Link not valid',
      html`<h1>This link is not valid any more</h1><section class="card"><p>${error.message}</p><p>If you still need to change something, sign in or ask the host.</p></section>`,
      { status: 404 },
    );

  pages.get('/respond/:token', async (c) => {
    const token = c.req.param('token');
    try {
      const choices = await readRespondLink(meetingDeps(c.var.deps), token);
      return renderPage(c, ACTION_TEXT[choices.actions[0]!].title, respondView(token, choices, c.var.csrfToken));
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
        const message = parsed.error.issues[0]?.message ?? 'Check the reason.';
        return renderPage(
          c,
          ACTION_TEXT[choices.actions[0]!].title,
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
      return renderPage(
        c,
        'Done',
        html`<h1>Done</h1><section class="card" role="status"><p>${ACTION_TEXT[answer.done].done}</p>${summary(answer)}</section>`,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.status === 404) return gone(c, error);
      if (error.status === 403)
        return renderPage(c, 'Not allowed', html`<h1>Not allowed</h1>`, { status: 403, error: error.message });
      throw error;
    }
  });

  return pages;
}

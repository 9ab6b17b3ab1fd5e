/** The record page and what can be done there: cancel, approve, decline, reschedule, register, leave. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../appEnv.ts';
import { AppError } from '../../errors.ts';
import { cancelMeeting, rescheduleMeeting } from '../../meetings/meetingChanges.ts';
import { registerForEvent, unregisterFromEvent } from '../../meetings/eventRegistrations.ts';
import { registrationInput, rescheduleInput } from '../../meetings/meetingInput.ts';
import { getMeetingForUser } from '../../meetings/meetingQueries.ts';
import { meetingWarnings } from '../../meetings/meetingWarnings.ts';
import { tryProvisionNow, tryRemoveNow } from '../../meetings/provisionNow.ts';
import { meetingDeps } from '../api/meetingsApi.ts';
import { approveMeeting, declineMeeting } from '../../meetings/approval.ts';
import { bookerOf } from '../../meetings/notifyAttendees.ts';
import { fieldErrorsFrom, validationErrorFrom } from '../errorResponses.ts';
import { errorText } from '../errorText.ts';
import type { FieldErrors } from '../views/formErrors.ts';
import { meetingPageView } from '../views/meetingViews.ts';
import { appFieldErrors, meetingFieldErrors, reasonFrom, startTimeFrom } from './recordForms.ts';
import { field, pageSession, renderPage } from './render.ts';

interface RecordFormOutcome {
  status?: 400 | 403 | 409;
  error?: string;
  errors?: FieldErrors;
  reschedule?: { startLocal: string; durationMinutes: string; capacity?: string; closesLocal?: string };
  registration?: { name: string; email: string };
}

export function meetingPages() {
  const pages = new Hono<AppEnv>();

  /** The record page; after a refused form, with that form's input kept and its field errors. */
  const renderRecord = async (c: Context<AppEnv>, meetingId: string, options: RecordFormOutcome = {}) => {
    const session = c.var.session!;
    const { db } = c.var.deps.database;
    const { meeting, membership, access } = await getMeetingForUser(db, session.user, meetingId);
    const warnings = access.manage ? await meetingWarnings(db, c.var.deps.provider, meeting) : [];
    // Who booked the host, for those who manage the booking (the host vets a request by it).
    const booker = access.manage ? await bookerOf(db, meeting) : undefined;
    return renderPage(
      c,
      meeting.title,
      meetingPageView({
        meeting,
        membership,
        access,
        warnings,
        bookedBy: booker && { name: booker.name, email: booker.email },
        csrfToken: c.var.csrfToken,
        myEmail: session.user.email,
        myName: session.user.name,
        errors: options.errors,
        reschedule: options.reschedule,
        registration: options.registration,
      }),
      { ...(options.status ? { status: options.status } : {}), error: options.error },
    );
  };

  pages.get('/meetings/:id', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    return renderRecord(c, c.req.param('id'));
  });

  /** Runs a record action; domain refusals re-render the record page with the message. */
  /** `action` may answer another notice than the usual one (e.g. `waitlisted` for `registered`). */
  const act = async (
    c: Context<AppEnv>,
    action: () => Promise<unknown>,
    notice: string,
    kept: RecordFormOutcome = {},
  ) => {
    const id = c.req.param('id')!;
    try {
      const outcome = await action();
      if (typeof outcome === 'string') notice = outcome;
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      return renderRecord(c, id, {
        ...kept,
        status: error.status as 400,
        error: errorText(error),
        errors: appFieldErrors(error),
      });
    }
    return c.redirect(`/meetings/${id}?notice=${notice}`, 303);
  };

  pages.post('/meetings/:id/cancel', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const deps = c.var.deps;
    const id = c.req.param('id');
    return act(
      c,
      async () => {
        await cancelMeeting(meetingDeps(deps), auth.session.user, id, await reasonFrom(c));
        const { meeting } = await getMeetingForUser(deps.database.db, auth.session.user, id);
        if (meeting.location.type === 'zoom') await tryRemoveNow(deps.providerJobs, id, meeting.ecosystemId);
      },
      'cancelled',
    );
  });

  pages.post('/meetings/:id/approve', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const deps = c.var.deps;
    const id = c.req.param('id');
    return act(
      c,
      async () => {
        await approveMeeting(meetingDeps(deps), auth.session.user, id);
        const { meeting } = await getMeetingForUser(deps.database.db, auth.session.user, id);
        if (meeting.location.type === 'zoom') await tryProvisionNow(deps.providerJobs, id);
      },
      'approved',
    );
  });

  pages.post('/meetings/:id/decline', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const id = c.req.param('id');
    return act(
      c,
      async () => declineMeeting(meetingDeps(c.var.deps), auth.session.user, id, await reasonFrom(c)),
      'declined',
    );
  });

  pages.post('/meetings/:id/reschedule', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const deps = c.var.deps;
    const id = c.req.param('id');
    const { meeting } = await getMeetingForUser(deps.database.db, auth.session.user, id);
    const body = await c.req.parseBody();
    const event = meeting.kind === 'event';
    const reschedule = {
      startLocal: field(body, 'startLocal'),
      durationMinutes: field(body, 'durationMinutes'),
      ...(event ? { capacity: field(body, 'capacity'), closesLocal: field(body, 'closesLocal') } : {}),
    };
    const start = startTimeFrom(reschedule.startLocal, meeting.timezone);
    if (!start.ok)
      return renderRecord(c, id, {
        status: 400,
        error: start.message,
        errors: { startLocal: start.fieldMessage },
        reschedule,
      });
    // An event's form always sends its seats and closing time: empty means no limit, at the start.
    const closes = reschedule.closesLocal ? startTimeFrom(reschedule.closesLocal, meeting.timezone) : undefined;
    if (closes && !closes.ok)
      return renderRecord(c, id, {
        status: 400,
        error: `registrationClosesAt: ${closes.fieldMessage}`,
        errors: { closesLocal: closes.fieldMessage },
        reschedule,
      });
    const duration = reschedule.durationMinutes;
    const capacity = reschedule.capacity ?? '';
    const parsed = rescheduleInput.safeParse({
      startTime: start.iso,
      durationMinutes: /^\d+$/.test(duration) ? Number(duration) : duration,
      ...(event
        ? {
            capacity: capacity === '' ? null : /^\d+$/.test(capacity) ? Number(capacity) : capacity,
            registrationClosesAt: closes?.ok ? closes.iso : null,
          }
        : {}),
    });
    if (!parsed.success)
      return renderRecord(c, id, {
        status: 400,
        error: errorText(validationErrorFrom(parsed.error)),
        errors: meetingFieldErrors(parsed.error),
        reschedule,
      });
    // An event's seats or closing time changed at the same time: nothing moved.
    const sameTime =
      Date.parse(parsed.data.startTime) === Date.parse(meeting.startTime) &&
      parsed.data.durationMinutes === meeting.durationMinutes;
    return act(
      c,
      async () => {
        await rescheduleMeeting(meetingDeps(deps), auth.session.user, id, parsed.data);
        if (meeting.location.type === 'zoom' && !sameTime) {
          await tryRemoveNow(deps.providerJobs, id, meeting.ecosystemId);
          await tryProvisionNow(deps.providerJobs, id);
        }
      },
      event && sameTime ? 'seats_saved' : 'rescheduled',
      { reschedule },
    );
  });

  pages.post('/meetings/:id/registrations', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const registration = { email: field(body, 'email'), name: field(body, 'name') };
    const parsed = registrationInput.safeParse(registration);
    if (!parsed.success) {
      await getMeetingForUser(c.var.deps.database.db, auth.session.user, id); // 404 for foreign ids first
      return renderRecord(c, id, {
        status: 400,
        error: errorText(validationErrorFrom(parsed.error)),
        errors: fieldErrorsFrom(parsed.error),
        registration,
      });
    }
    return act(
      c,
      async () => {
        const placed = await registerForEvent(meetingDeps(c.var.deps), auth.session.user, id, parsed.data);
        return placed.status === 'waitlisted' ? 'waitlisted' : 'registered';
      },
      'registered',
      { registration },
    );
  });

  pages.post('/meetings/:id/registrations/:registrationId/remove', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const id = c.req.param('id');
    return act(
      c,
      () => unregisterFromEvent(meetingDeps(c.var.deps), auth.session.user, id, c.req.param('registrationId')),
      'unregistered',
    );
  });

  return pages;
}

/** Create forms for the three kinds, the record page, cancel, reschedule, register. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../appEnv.ts';
import { AppError } from '../../errors.ts';
import { requireMembership, type Membership } from '../../ecosystems/ecosystems.ts';
import { cancelMeeting, createMeeting, registerForEvent, rescheduleMeeting } from '../../meetings/meetingCommands.ts';
import { createMeetingInput, registrationInput, rescheduleInput } from '../../meetings/meetingInput.ts';
import { getMeetingForUser, listPossibleHosts } from '../../meetings/meetingQueries.ts';
import { meetingWarnings } from '../../meetings/meetingWarnings.ts';
import { ImpossibleLocalTimeError, NonexistentLocalTimeError, zonedLocalToUtc } from '../../meetings/zonedTime.ts';
import { tryProvisionNow, tryRemoveNow } from '../../meetings/provisionNow.ts';
import { providerJobDeps } from '../../worker.ts';
import { meetingDeps } from '../api/meetingsApi.ts';
import { validationErrorFrom } from '../errorResponses.ts';
import { KIND_TITLE, meetingFormView, meetingPageView, type MeetingFormValues } from '../views/meetingViews.ts';
import { field, pageSession, renderPage } from './render.ts';

const KINDS = ['booking', 'mentorship', 'event'] as const;
type Kind = (typeof KINDS)[number];

/** Converts the form's local date-time + timezone to an ISO instant, or explains why not. */
function startTimeFrom(local: string, timezone: string): { ok: true; iso: string } | { ok: false; message: string } {
  if (!local) return { ok: false, message: 'startTime: choose a date and time' };
  try {
    return { ok: true, iso: zonedLocalToUtc(local, timezone).toISOString() };
  } catch (error) {
    if (error instanceof NonexistentLocalTimeError || error instanceof ImpossibleLocalTimeError) return { ok: false, message: `startTime: ${error.message}` };
    if (error instanceof RangeError) return { ok: false, message: 'timezone: must be an IANA timezone such as Europe/Helsinki' };
    return { ok: false, message: 'startTime: must be a date and time' };
  }
}

export function meetingPages() {
  const pages = new Hono<AppEnv>();

  const renderForm = async (c: Context<AppEnv>, membership: Membership, values: MeetingFormValues, options: { status?: 400 | 403 | 409; error?: string } = {}) => {
    const { db } = c.var.deps.database;
    const hosts = await listPossibleHosts(db, membership, values.kind);
    const lengthLimits = await c.var.deps.provider.meetingLengthLimits(db, hosts.map((h) => h.id));
    return renderPage(c, KIND_TITLE[values.kind], meetingFormView({ membership, csrfToken: c.var.csrfToken, values, hosts, lengthLimits }), {
      ...(options.status ? { status: options.status } : {}),
      error: options.error,
    });
  };

  pages.get('/ecosystems/:id/lets-meet/new', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const membership = await requireMembership(c.var.deps.database.db, auth.session.user.id, c.req.param('id'));
    const kind = (KINDS as readonly string[]).includes(c.req.query('kind') ?? '') ? (c.req.query('kind') as Kind) : 'booking';
    return renderForm(c, membership, {
      kind,
      title: '',
      description: '',
      startLocal: '',
      timezone: 'UTC',
      durationMinutes: kind === 'event' ? '60' : '30',
      hostUserId: membership.role === 'member' ? '' : membership.userId,
      locationType: 'zoom',
      address: '',
      url: '',
      attendees: '',
    });
  });

  pages.post('/ecosystems/:id/lets-meet/new', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const deps = c.var.deps;
    const membership = await requireMembership(deps.database.db, auth.session.user.id, c.req.param('id'));
    const body = await c.req.parseBody();
    const kindValue = field(body, 'kind');
    const values: MeetingFormValues = {
      kind: (KINDS as readonly string[]).includes(kindValue) ? (kindValue as Kind) : 'booking',
      title: field(body, 'title'),
      description: field(body, 'description'),
      startLocal: field(body, 'startLocal'),
      timezone: field(body, 'timezone'),
      durationMinutes: field(body, 'durationMinutes'),
      hostUserId: field(body, 'hostUserId'),
      locationType: field(body, 'locationType'),
      address: field(body, 'address'),
      url: field(body, 'url'),
      attendees: field(body, 'attendees'),
    };
    const start = startTimeFrom(values.startLocal, values.timezone);
    if (!start.ok) return renderForm(c, membership, values, { status: 400, error: start.message });
    const location =
      values.locationType === 'in_person'
        ? { type: 'in_person', address: values.address }
        : values.locationType === 'link'
          ? { type: 'link', url: values.url }
          : { type: values.locationType };
    const attendeeEmails = values.attendees.split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean);
    const parsed = createMeetingInput.safeParse({
      kind: kindValue,
      title: values.title,
      ...(values.description ? { description: values.description } : {}),
      startTime: start.iso,
      durationMinutes: /^\d+$/.test(values.durationMinutes) ? Number(values.durationMinutes) : values.durationMinutes,
      timezone: values.timezone,
      ...(values.hostUserId ? { hostUserId: values.hostUserId } : {}),
      location,
      ...(attendeeEmails.length ? { attendeeEmails } : {}),
    });
    if (!parsed.success) return renderForm(c, membership, values, { status: 400, error: validationErrorFrom(parsed.error).message });
    let id: string;
    try {
      id = await createMeeting(meetingDeps(deps), membership, auth.session.user, parsed.data);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return renderForm(c, membership, values, { status: error.status as 400, error: error.message });
    }
    if (parsed.data.location.type === 'zoom') await tryProvisionNow(providerJobDeps(deps), id);
    return c.redirect(`/meetings/${id}?notice=created`, 303);
  });

  const renderRecord = async (c: Context<AppEnv>, meetingId: string, options: { status?: 400 | 403 | 409; error?: string } = {}) => {
    const session = c.var.session!;
    const { db } = c.var.deps.database;
    const { meeting, membership, access } = await getMeetingForUser(db, session.user, meetingId);
    const warnings = access.manage ? await meetingWarnings(db, c.var.deps.provider, meeting) : [];
    return renderPage(
      c,
      meeting.title,
      meetingPageView({ meeting, membership, access, warnings, csrfToken: c.var.csrfToken, myEmail: session.user.email, myName: session.user.name }),
      { ...(options.status ? { status: options.status } : {}), error: options.error },
    );
  };

  pages.get('/meetings/:id', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    return renderRecord(c, c.req.param('id'));
  });

  /** Runs a record action; domain refusals re-render the record page with the message. */
  const act = async (c: Context<AppEnv>, action: () => Promise<void>, notice: string) => {
    const id = c.req.param('id')!;
    try {
      await action();
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      return renderRecord(c, id, { status: error.status as 400, error: error.message });
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
        await cancelMeeting(meetingDeps(deps), auth.session.user, id);
        const { meeting } = await getMeetingForUser(deps.database.db, auth.session.user, id);
        if (meeting.location.type === 'zoom') await tryRemoveNow(providerJobDeps(deps), id, meeting.ecosystemId);
      },
      'cancelled',
    );
  });

  pages.post('/meetings/:id/reschedule', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const deps = c.var.deps;
    const id = c.req.param('id');
    const { meeting } = await getMeetingForUser(deps.database.db, auth.session.user, id);
    const body = await c.req.parseBody();
    const start = startTimeFrom(field(body, 'startLocal'), meeting.timezone);
    if (!start.ok) return renderRecord(c, id, { status: 400, error: start.message });
    const duration = field(body, 'durationMinutes');
    const parsed = rescheduleInput.safeParse({ startTime: start.iso, durationMinutes: /^\d+$/.test(duration) ? Number(duration) : duration });
    if (!parsed.success) return renderRecord(c, id, { status: 400, error: validationErrorFrom(parsed.error).message });
    return act(
      c,
      async () => {
        await rescheduleMeeting(meetingDeps(deps), auth.session.user, id, parsed.data);
        if (meeting.location.type === 'zoom') {
          await tryRemoveNow(providerJobDeps(deps), id, meeting.ecosystemId);
          await tryProvisionNow(providerJobDeps(deps), id);
        }
      },
      'rescheduled',
    );
  });

  pages.post('/meetings/:id/registrations', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const parsed = registrationInput.safeParse({ email: field(body, 'email'), name: field(body, 'name') });
    if (!parsed.success) {
      await getMeetingForUser(c.var.deps.database.db, auth.session.user, id); // 404 for foreign ids first
      return renderRecord(c, id, { status: 400, error: validationErrorFrom(parsed.error).message });
    }
    return act(c, () => registerForEvent(meetingDeps(c.var.deps), auth.session.user, id, parsed.data), 'registered');
  });

  return pages;
}

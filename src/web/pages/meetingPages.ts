/** Create forms for the three kinds, the record page, cancel, reschedule, register. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../appEnv.ts';
import { AppError } from '../../errors.ts';
import { requireMembership, type Membership } from '../../ecosystems/ecosystems.ts';
import { createMeeting, type CreatedMeeting } from '../../meetings/meetingCommands.ts';
import { cancelMeeting, rescheduleMeeting } from '../../meetings/meetingChanges.ts';
import { registerForEvent, unregisterFromEvent } from '../../meetings/eventRegistrations.ts';
import { createMeetingInput, registrationInput, rescheduleInput } from '../../meetings/meetingInput.ts';
import { getMeetingForUser } from '../../meetings/meetingQueries.ts';
import { listPossibleHosts } from '../../meetings/hostChoices.ts';
import { meetingWarnings } from '../../meetings/meetingWarnings.ts';
import { ImpossibleLocalTimeError, NonexistentLocalTimeError, zonedLocalToUtc } from '../../meetings/zonedTime.ts';
import { finishProvisionNow, tryProvisionNow, tryRemoveNow } from '../../meetings/provisionNow.ts';
import { meetingDeps, reasonInput } from '../api/meetingsApi.ts';
import { approveMeeting, declineMeeting } from '../../meetings/approval.ts';
import { bookerOf } from '../../meetings/notifyAttendees.ts';
import type { z } from 'zod';
import { fieldErrorsFrom, validationErrorFrom } from '../errorResponses.ts';
import type { FieldErrors } from '../views/formErrors.ts';
import { KIND_TITLE, meetingFormView, meetingPageView, type MeetingFormValues } from '../views/meetingViews.ts';
import { field, pageSession, renderPage } from './render.ts';

const KINDS = ['booking', 'mentorship', 'event'] as const;

interface RecordFormOutcome {
  status?: 400 | 403 | 409;
  error?: string;
  errors?: FieldErrors;
  reschedule?: { startLocal: string; durationMinutes: string; capacity?: string; closesLocal?: string };
  registration?: { name: string; email: string };
}
type Kind = (typeof KINDS)[number];

type StartTime =
  | { ok: true; iso: string }
  | { ok: false; message: string; field: 'startLocal' | 'timezone'; fieldMessage: string };

/** The optional reason of a cancel or decline form, checked like the API's. */
async function reasonFrom(c: Context<AppEnv>): Promise<string | undefined> {
  const parsed = reasonInput.safeParse({ reason: field(await c.req.parseBody(), 'reason') });
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  return parsed.data.reason?.trim() || undefined;
}

/** Converts the form's local date-time + timezone to an ISO instant, or explains why not. */
function startTimeFrom(local: string, timezone: string): StartTime {
  const refuse = (field: 'startLocal' | 'timezone', fieldMessage: string): StartTime => ({
    ok: false,
    message: `${field === 'startLocal' ? 'startTime' : 'timezone'}: ${fieldMessage}`,
    field,
    fieldMessage,
  });
  if (!local) return refuse('startLocal', 'choose a date and time');
  try {
    return { ok: true, iso: zonedLocalToUtc(local, timezone).toISOString() };
  } catch (error) {
    if (error instanceof NonexistentLocalTimeError || error instanceof ImpossibleLocalTimeError)
      return refuse('startLocal', error.message);
    if (error instanceof RangeError) return refuse('timezone', 'must be an IANA timezone such as Europe/Helsinki');
    return refuse('startLocal', 'must be a date and time');
  }
}

/** The form field an input path (of the record schemas, or an error's `field`) comes from. */
function formFieldOf(path: readonly PropertyKey[]): string | undefined {
  const [first, second] = path.map(String);
  if (first === 'startTime') return 'startLocal';
  if (first === 'attendeeEmails') return 'attendees';
  if (first === 'registrationClosesAt') return 'closesLocal';
  if (first === 'location') return second === 'address' ? 'address' : second === 'url' ? 'url' : 'locationType';
  return first === 'kind' ? undefined : first;
}

/** Messages by form field; an attendee's message names the address at fault. */
function meetingFieldErrors(error: z.ZodError, attendeeEmails: string[] = []): FieldErrors {
  const errors = fieldErrorsFrom(error, formFieldOf);
  const attendeeIssue = error.issues.find((i) => i.path[0] === 'attendeeEmails' && typeof i.path[1] === 'number');
  if (attendeeIssue)
    errors['attendees'] = `“${attendeeEmails[attendeeIssue.path[1] as number] ?? ''}” ${attendeeIssue.message}`;
  return errors;
}

/** A domain refusal that names its field, as a field error (none when it names no form field). */
function appFieldErrors(error: AppError): FieldErrors {
  const field = error.field ? formFieldOf(error.field.split('.')) : undefined;
  return field ? { [field]: error.message } : {};
}

export function meetingPages() {
  const pages = new Hono<AppEnv>();

  const renderForm = async (
    c: Context<AppEnv>,
    membership: Membership,
    values: MeetingFormValues,
    options: { status?: 400 | 403 | 409; error?: string; errors?: FieldErrors } = {},
  ) => {
    const { db } = c.var.deps.database;
    const hosts = await listPossibleHosts(db, membership, values.kind);
    const lengthLimits = await c.var.deps.provider.meetingLengthLimits(
      db,
      hosts.map((h) => h.id),
    );
    return renderPage(
      c,
      KIND_TITLE[values.kind],
      meetingFormView({ membership, csrfToken: c.var.csrfToken, values, hosts, lengthLimits, errors: options.errors }),
      {
        ...(options.status ? { status: options.status } : {}),
        error: options.error,
      },
    );
  };

  pages.get('/ecosystems/:id/lets-meet/new', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const membership = await requireMembership(c.var.deps.database.db, auth.session.user.id, c.req.param('id'));
    const kind = (KINDS as readonly string[]).includes(c.req.query('kind') ?? '')
      ? (c.req.query('kind') as Kind)
      : 'booking';
    // A member books a host's free slot (docs/product.md §12.4): the form's free choice of time is for hosts and admins.
    if (kind === 'booking' && membership.role === 'member') {
      return c.redirect(`/ecosystems/${membership.ecosystemId}/lets-meet#book-a-host`, 303);
    }
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
      capacity: '',
      closesLocal: '',
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
      capacity: field(body, 'capacity'),
      closesLocal: field(body, 'closesLocal'),
    };
    const start = startTimeFrom(values.startLocal, values.timezone);
    const closes =
      values.kind === 'event' && values.closesLocal ? startTimeFrom(values.closesLocal, values.timezone) : undefined;
    if (closes && !closes.ok)
      return renderForm(c, membership, values, {
        status: 400,
        error: `registrationClosesAt: ${closes.fieldMessage}`,
        errors: { closesLocal: closes.fieldMessage },
      });
    if (!start.ok)
      return renderForm(c, membership, values, {
        status: 400,
        error: start.message,
        errors: { [start.field]: start.fieldMessage },
      });
    const location =
      values.locationType === 'in_person'
        ? { type: 'in_person', address: values.address }
        : values.locationType === 'link'
          ? { type: 'link', url: values.url }
          : { type: values.locationType };
    const attendeeEmails = values.attendees
      .split(/[\s,;]+/)
      .map((e) => e.trim())
      .filter(Boolean);
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
      ...(values.kind === 'event' && values.capacity
        ? { capacity: /^\d+$/.test(values.capacity) ? Number(values.capacity) : values.capacity }
        : {}),
      ...(closes?.ok ? { registrationClosesAt: closes.iso } : {}),
    });
    if (!parsed.success) {
      return renderForm(c, membership, values, {
        status: 400,
        error: validationErrorFrom(parsed.error).message,
        errors: meetingFieldErrors(parsed.error, attendeeEmails),
      });
    }
    let created: CreatedMeeting;
    try {
      created = await createMeeting(meetingDeps(deps), { membership, user: auth.session.user }, parsed.data);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return renderForm(c, membership, values, {
        status: error.status as 400,
        error: error.message,
        errors: appFieldErrors(error),
      });
    }
    if (created.attempt) await finishProvisionNow(deps.providerJobs, created.id, created.attempt);
    return c.redirect(`/meetings/${created.id}?notice=created`, 303);
  });

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
        error: error.message,
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
        error: validationErrorFrom(parsed.error).message,
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
        error: validationErrorFrom(parsed.error).message,
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

/** The new-record form for the three kinds (hosts and admins; members book a host's free slot). */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../appEnv.ts';
import { AppError } from '../../errors.ts';
import { requireMembership, type Membership } from '../../ecosystems/ecosystems.ts';
import { createMeeting, type CreatedMeeting } from '../../meetings/meetingCommands.ts';
import { createMeetingInput } from '../../meetings/meetingInput.ts';
import { listPossibleHosts } from '../../meetings/hostChoices.ts';
import { finishProvisionNow } from '../../meetings/provisionNow.ts';
import { meetingDeps } from '../api/meetingsApi.ts';
import { validationErrorFrom } from '../errorResponses.ts';
import { errorText } from '../errorText.ts';
import type { FieldErrors } from '../views/formErrors.ts';
import { meetingFormView, newRecordTitle, type MeetingFormValues } from '../views/meetingViews.ts';
import { appFieldErrors, meetingFieldErrors, startTimeFrom } from './recordForms.ts';
import { field, pageSession, renderPage } from './render.ts';

const KINDS = ['booking', 'mentorship', 'event'] as const;
type Kind = (typeof KINDS)[number];

export function newRecordPages() {
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
      newRecordTitle(values.kind),
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
      // The reader's own zone when they chose one: the form asks for a time as they read times.
      timezone: auth.session.user.timezone ?? 'UTC',
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
        error: errorText(validationErrorFrom(parsed.error)),
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
        error: errorText(error),
        errors: appFieldErrors(error),
      });
    }
    if (created.attempt) await finishProvisionNow(deps.providerJobs, created.id, created.attempt);
    return c.redirect(`/meetings/${created.id}?notice=created`, 303);
  });

  return pages;
}

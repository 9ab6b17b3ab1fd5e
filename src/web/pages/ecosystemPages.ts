/**
 * My ecosystems, an ecosystem's Lets Meet page (with "Book a host"), and Lets Meet → Manage: the
 * Zoom card, the host's Zoom consent, a host's availability form (src/web/pages/availabilityForm.ts)
 * and the members; for admins, the ecosystem's own settings (its language, docs/product.md §15).
 * Every text is the reader's language (src/i18n/pageText.ts).
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../appEnv.ts';
import { AppError, ValidationError } from '../../errors.ts';
import {
  createEcosystem,
  listMembers,
  listMyEcosystems,
  requireAdmin,
  requireMembership,
  type Membership,
} from '../../ecosystems/ecosystems.ts';
import {
  answerInvitation,
  inviteMember,
  listMyInvitations,
  listPendingInvitations,
  revokeInvitation,
} from '../../ecosystems/invitations.ts';
import { changeRole, removeMember, updateMySettings } from '../../ecosystems/members.ts';
import { listHostedInEcosystemsLeft, listMeetingsFor, listRequestsToAnswer } from '../../meetings/recordLists.ts';
import { getConnectionSummary } from '../../integrations/zoom/zoomConnections.ts';
import { countUpcomingZoomMeetings } from '../../integrations/zoom/upcomingZoomMeetings.ts';
import type { DisconnectOutcome } from '../../integrations/zoom/disconnectZoom.ts';
import { createEcosystemInput, invitationDeps, inviteInput, roleInput } from '../api/ecosystemsApi.ts';
import { fieldErrorsFrom, validationErrorFrom } from '../errorResponses.ts';
import type { FieldErrors } from '../views/formErrors.ts';
import {
  ecosystemSettingsCard,
  ecosystemsView,
  letsMeetView,
  manageView,
  mySettingsCard,
} from '../views/ecosystemViews.ts';
import {
  changeEcosystemSettings,
  ecosystemSettings,
  ecosystemSettingsChange,
} from '../../ecosystems/ecosystemSettings.ts';
import { errorFieldTexts, errorText } from '../errorText.ts';
import { pageText } from '../../i18n/pageText.ts';
import { zoomCard, zoomCardScript } from '../views/zoomCard.ts';
import { bookableHosts, changeMyAvailability } from '../../availability/availabilityStore.ts';
import { enforce } from '../../policies/decision.ts';
import { mayPublishAvailability } from '../../policies/recordPolicy.ts';
import { bookHostsCard } from '../views/bookingViews.ts';
import type { AvailabilityFormValues } from '../views/availabilityViews.ts';
import { availabilityCardFor, availabilityFrom, formValuesFrom } from './availabilityForm.ts';
import { field, pageSession, renderPage } from './render.ts';

const DISCONNECT_OUTCOMES = new Set(['revoked', 'revoke_failed', 'no_tokens', 'not_connected']);

async function zoomCardFor(c: Context<AppEnv>, userId: string, ecosystemId: string) {
  const { db } = c.var.deps.database;
  const outcome = c.req.query('zoom');
  return zoomCard({
    available: Boolean(c.var.deps.zoom),
    connection: await getConnectionSummary(db, userId),
    upcomingZoomMeetings: await countUpcomingZoomMeetings(db, userId),
    csrfToken: c.var.csrfToken,
    returnTo: `/ecosystems/${ecosystemId}/lets-meet/manage`,
    lastDisconnect: outcome && DISCONNECT_OUTCOMES.has(outcome) ? (outcome as DisconnectOutcome) : undefined,
  });
}

export function ecosystemPages() {
  const pages = new Hono<AppEnv>();

  pages.get('/ecosystems', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const { db } = c.var.deps.database;
    const memberships = await listMyEcosystems(db, auth.session.user.id);
    const invitations = await listMyInvitations(db, auth.session.user);
    const hostedElsewhere = await listHostedInEcosystemsLeft(db, auth.session.user);
    return renderPage(
      c,
      pageText().t('ecosystem.list.title'),
      ecosystemsView({ csrfToken: c.var.csrfToken, memberships, invitations, hostedElsewhere }),
    );
  });

  for (const answer of ['accept', 'decline'] as const) {
    pages.post(`/invitations/:id/${answer}`, async (c) => {
      const auth = pageSession(c);
      if ('redirect' in auth) return auth.redirect;
      const result = await answerInvitation(c.var.deps.database.db, auth.session.user, c.req.param('id'), answer);
      return answer === 'accept'
        ? c.redirect(`/ecosystems/${result.ecosystem.id}/lets-meet?notice=invitation_accepted`, 303)
        : c.redirect('/ecosystems?notice=invitation_declined', 303);
    });
  }

  pages.post('/ecosystems', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const body = await c.req.parseBody();
    const parsed = createEcosystemInput.safeParse({ name: field(body, 'name') });
    if (!parsed.success) {
      const { db } = c.var.deps.database;
      const memberships = await listMyEcosystems(db, auth.session.user.id);
      const invitations = await listMyInvitations(db, auth.session.user);
      const view = ecosystemsView({
        csrfToken: c.var.csrfToken,
        memberships,
        invitations,
        name: field(body, 'name'),
        errors: fieldErrorsFrom(parsed.error),
      });
      return renderPage(c, pageText().t('ecosystem.list.title'), view, {
        status: 400,
        error: errorText(validationErrorFrom(parsed.error)),
      });
    }
    // It starts in its creator's language (docs/product.md §15).
    const created = await createEcosystem(c.var.deps.database.db, auth.session.user.id, parsed.data.name, c.var.locale);
    return c.redirect(`/ecosystems/${created.id}/lets-meet?notice=ecosystem_created`, 303);
  });

  pages.get('/ecosystems/:id', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const membership = await requireMembership(c.var.deps.database.db, auth.session.user.id, c.req.param('id'));
    return c.redirect(`/ecosystems/${membership.ecosystemId}/lets-meet`, 303);
  });

  pages.get('/ecosystems/:id/lets-meet', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const { db } = c.var.deps.database;
    const membership = await requireMembership(db, auth.session.user.id, c.req.param('id'));
    const [all, hosts] = await Promise.all([
      listMeetingsFor(db, membership, auth.session.user),
      bookableHosts(db, membership),
    ]);
    const bookHosts = bookHostsCard({ membership, hosts: hosts.filter((h) => h.userId !== membership.userId) });
    const now = Date.now();
    const isUpcoming = (m: (typeof all)[number]) =>
      (m.status === 'scheduled' || m.status === 'requested') &&
      Date.parse(m.startTime) + m.durationMinutes * 60_000 > now;
    return renderPage(
      c,
      `Lets Meet · ${membership.ecosystemName}`,
      letsMeetView({
        membership,
        bookHosts,
        upcoming: all.filter(isUpcoming),
        past: all.filter((m) => !isUpcoming(m)).reverse(),
      }),
    );
  });

  const renderManage = async (
    c: Context<AppEnv>,
    membership: Membership,
    options: {
      status?: 400 | 403 | 404 | 409;
      error?: string;
      errors?: FieldErrors;
      email?: string;
      role?: string;
      /** A refused availability form, shown as sent with its field errors. */
      availability?: { values: AvailabilityFormValues; errors: FieldErrors };
    } = {},
  ) => {
    const { db } = c.var.deps.database;
    const members = await listMembers(db, membership);
    const invitations = membership.role === 'admin' ? await listPendingInvitations(db, membership) : [];
    const card = await zoomCardFor(c, membership.userId, membership.ecosystemId);
    const availabilityCard = await availabilityCardFor(c, membership, options.availability);
    const requests = membership.role === 'member' ? [] : await listRequestsToAnswer(db, membership);
    const settings = membership.role === 'admin' ? await ecosystemSettings(db, membership) : undefined;
    return renderPage(
      c,
      pageText().t('ecosystem.manage.title'),
      manageView({
        membership,
        members,
        invitations,
        csrfToken: c.var.csrfToken,
        zoomCard: card,
        settingsCard: mySettingsCard({
          membership,
          csrfToken: c.var.csrfToken,
          perDay: c.var.deps.config.zoom.recordsForOthersPerDay,
        }),
        availabilityCard,
        ecosystemSettingsCard: ecosystemSettingsCard({
          membership,
          csrfToken: c.var.csrfToken,
          ...(settings ? { locale: settings.locale } : {}),
        }),
        requests,
        zoomScript: zoomCardScript(`/ecosystems/${membership.ecosystemId}/lets-meet/manage/zoom-card`),
        ...(options.email ? { email: options.email } : {}),
        errors: options.errors,
        ...(options.role ? { role: options.role } : {}),
      }),
      { ...(options.status ? { status: options.status } : {}), error: options.error },
    );
  };

  /**
   * Runs a Manage action; a refusal re-renders Manage with its message (404s stay 404s). Success
   * goes back to Manage with `notice`, or to `doneUrl` (leaving: Manage is no longer yours).
   */
  const manageAction = async (
    c: Context<AppEnv>,
    action: (membership: Membership) => Promise<unknown>,
    notice: string,
    form: { email?: string; role?: string; availability?: AvailabilityFormValues } = {},
    doneUrl?: string,
  ) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const membership = await requireMembership(c.var.deps.database.db, auth.session.user.id, c.req.param('id')!);
    try {
      await action(membership);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      // A refusal naming a field of the submitted form is shown next to it.
      const errors =
        error instanceof ValidationError && error.fieldMessages
          ? errorFieldTexts(error)
          : error.field && error.field in form
            ? { [error.field]: errorText(error) }
            : undefined;
      const { availability, ...fields } = form;
      return renderManage(c, membership, {
        status: error.status as 400,
        error: errorText(error),
        ...(errors ? { errors } : {}),
        ...fields,
        ...(availability ? { availability: { values: availability, errors: errors ?? {} } } : {}),
      });
    }
    return c.redirect(doneUrl ?? `/ecosystems/${membership.ecosystemId}/lets-meet/manage?notice=${notice}`, 303);
  };

  pages.get('/ecosystems/:id/lets-meet/manage', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const membership = await requireMembership(c.var.deps.database.db, auth.session.user.id, c.req.param('id'));
    return renderManage(c, membership);
  });

  /** The Zoom card alone, for the Manage page's script to swap in without a reload. */
  pages.get('/ecosystems/:id/lets-meet/manage/zoom-card', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const membership = await requireMembership(c.var.deps.database.db, auth.session.user.id, c.req.param('id'));
    return c.html(await zoomCardFor(c, auth.session.user.id, membership.ecosystemId));
  });

  pages.post('/ecosystems/:id/members', async (c) => {
    const body = await c.req.parseBody();
    const form = { email: field(body, 'email'), role: field(body, 'role') };
    return manageAction(
      c,
      async (membership) => {
        const parsed = inviteInput.safeParse(form);
        if (!parsed.success) throw validationErrorFrom(parsed.error);
        await inviteMember(
          invitationDeps(c.var.deps),
          { ...membership, inviterName: c.var.session!.user.name, inviterEmail: c.var.session!.user.email },
          parsed.data,
        );
      },
      'invitation_sent',
      form,
    );
  });

  pages.post('/ecosystems/:id/members/:userId/role', async (c) => {
    const body = await c.req.parseBody();
    return manageAction(
      c,
      async (membership) => {
        const parsed = roleInput.safeParse({ role: field(body, 'role') });
        if (!parsed.success) throw validationErrorFrom(parsed.error);
        await changeRole(c.var.deps.database.db, membership, c.req.param('userId'), parsed.data.role);
      },
      'role_changed',
    );
  });

  pages.post('/ecosystems/:id/members/:userId/remove', (c) => {
    const leaving = c.req.param('userId') === c.var.session?.user.id;
    return manageAction(
      c,
      (membership) => removeMember(c.var.deps.database.db, membership, c.req.param('userId')),
      'member_removed',
      {},
      leaving ? '/ecosystems?notice=left' : undefined,
    );
  });

  pages.post('/ecosystems/:id/invitations/:invitationId/revoke', (c) =>
    manageAction(
      c,
      (membership) => revokeInvitation(c.var.deps.database.db, membership, c.req.param('invitationId')),
      'invitation_revoked',
    ),
  );

  pages.post('/ecosystems/:id/my-settings', async (c) => {
    const body = await c.req.parseBody();
    return manageAction(
      c,
      (membership) =>
        updateMySettings(c.var.deps.database.db, membership, { zoomForOthers: field(body, 'zoomForOthers') === 'on' }),
      'settings_saved',
    );
  });

  /**
   * The ecosystem's settings form (admins): its language. A value that is not one of ours is
   * refused (400, nothing changed), like `PUT /api/ecosystems/{id}/settings`.
   */
  pages.post('/ecosystems/:id/settings', async (c) => {
    const body = await c.req.parseBody();
    return manageAction(
      c,
      async (membership) => {
        requireAdmin(membership);
        const parsed = ecosystemSettingsChange.safeParse({ locale: field(body, 'locale') });
        if (!parsed.success) throw validationErrorFrom(parsed.error);
        await changeEcosystemSettings(c.var.deps.database.db, membership, parsed.data);
      },
      'settings_saved',
    );
  });

  /** The host's availability form: saved whole, or Manage again with the form as sent and its errors. */
  pages.post('/ecosystems/:id/my-availability', async (c) => {
    const values = formValuesFrom(await c.req.parseBody({ all: true }));
    return manageAction(
      c,
      async (membership) => {
        enforce(mayPublishAvailability(membership));
        const outcome = availabilityFrom(values);
        if (!outcome.ok) {
          throw new ValidationError(
            { key: 'booking.availabilityNotSaved' },
            {
              fieldMessages: outcome.errors,
            },
          );
        }
        await changeMyAvailability(c.var.deps.database.db, membership, outcome.availability);
      },
      'availability_saved',
      { availability: values },
      `/ecosystems/${c.req.param('id')}/lets-meet/manage?notice=availability_saved#availability`,
    );
  });

  return pages;
}

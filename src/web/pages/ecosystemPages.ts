/** My ecosystems, an ecosystem's Lets Meet page, and Lets Meet → Manage (with the Zoom card). */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../appEnv.ts';
import { AppError } from '../../errors.ts';
import { addMember, createEcosystem, listMembers, listMyEcosystems, requireMembership, type Membership } from '../../ecosystems/ecosystems.ts';
import { listMeetings } from '../../meetings/meetingQueries.ts';
import { getConnectionSummary } from '../../integrations/zoom/zoomConnections.ts';
import { countUpcomingZoomMeetings } from '../../integrations/zoom/upcomingZoomMeetings.ts';
import type { DisconnectOutcome } from '../../integrations/zoom/disconnectZoom.ts';
import { addMemberInput, createEcosystemInput } from '../api/ecosystemsApi.ts';
import { validationErrorFrom } from '../errorResponses.ts';
import { ecosystemsView, letsMeetView, manageView } from '../views/ecosystemViews.ts';
import { zoomCard, zoomCardScript } from '../views/zoomCard.ts';
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
    const memberships = await listMyEcosystems(c.var.deps.database.db, auth.session.user.id);
    return renderPage(c, 'My ecosystems', ecosystemsView({ csrfToken: c.var.csrfToken, memberships }));
  });

  pages.post('/ecosystems', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const body = await c.req.parseBody();
    const parsed = createEcosystemInput.safeParse({ name: field(body, 'name') });
    if (!parsed.success) {
      const memberships = await listMyEcosystems(c.var.deps.database.db, auth.session.user.id);
      return renderPage(c, 'My ecosystems', ecosystemsView({ csrfToken: c.var.csrfToken, memberships, name: field(body, 'name') }), {
        status: 400,
        error: validationErrorFrom(parsed.error).message,
      });
    }
    const created = await createEcosystem(c.var.deps.database.db, auth.session.user.id, parsed.data.name);
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
    const all = await listMeetings(db, membership.ecosystemId);
    const now = Date.now();
    const isUpcoming = (m: (typeof all)[number]) => m.status === 'scheduled' && Date.parse(m.startTime) + m.durationMinutes * 60_000 > now;
    return renderPage(
      c,
      `Lets Meet · ${membership.ecosystemName}`,
      letsMeetView({ membership, upcoming: all.filter(isUpcoming), past: all.filter((m) => !isUpcoming(m)).reverse() }),
    );
  });

  const renderManage = async (c: Context<AppEnv>, membership: Membership, options: { status?: 400 | 404; error?: string; email?: string; role?: string } = {}) => {
    const { db } = c.var.deps.database;
    const members = await listMembers(db, membership.ecosystemId);
    const card = await zoomCardFor(c, membership.userId, membership.ecosystemId);
    return renderPage(
      c,
      'Lets Meet → Manage',
      manageView({
        membership,
        members,
        csrfToken: c.var.csrfToken,
        zoomCard: card,
        zoomScript: zoomCardScript(`/ecosystems/${membership.ecosystemId}/lets-meet/manage/zoom-card`),
        ...(options.email ? { email: options.email } : {}),
        ...(options.role ? { role: options.role } : {}),
      }),
      { ...(options.status ? { status: options.status } : {}), error: options.error },
    );
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
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const { db } = c.var.deps.database;
    const membership = await requireMembership(db, auth.session.user.id, c.req.param('id'));
    const body = await c.req.parseBody();
    const input = { email: field(body, 'email'), role: field(body, 'role') };
    const parsed = addMemberInput.safeParse(input);
    if (!parsed.success) return renderManage(c, membership, { status: 400, error: validationErrorFrom(parsed.error).message, ...input });
    try {
      await addMember(db, membership, parsed.data);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      if (error.status === 403) throw error;
      return renderManage(c, membership, { status: error.status as 400, error: error.message, ...input });
    }
    return c.redirect(`/ecosystems/${membership.ecosystemId}/lets-meet/manage?notice=member_added`, 303);
  });

  return pages;
}

/**
 * The lists of meeting records a person sees: an ecosystem's records (by membership, or by session
 * in one statement) and the records they host in ecosystems they have left. Each view is cut to
 * the person's access (src/meetings/meetingQueries.ts).
 */
import { alias, and, eq, getTableName, sql, type Table } from '../db/orm.ts';
import type { Queries } from '../db/client.ts';
import { statementFromSql } from '../db/statement.ts';
import { meetings, memberships, sessions, users } from '../db/schema.ts';
import { liveSession } from '../auth/sessions.ts';
import { NotFoundError, UnauthenticatedError } from '../errors.ts';
import { findSessionMembership, type Membership } from '../ecosystems/ecosystems.ts';
import { visibleRecordsWhere, visibleRecordsWhereRoleIn, type Viewer } from '../policies/recordPolicy.ts';
import { isUuid } from '../db/ids.ts';
import { fromSql, type MeetingView, selectViews, toView, viewerOf, viewsFor, viewsSql } from './meetingQueries.ts';

/**
 * Upcoming records the user hosts in ecosystems they are no longer in (docs/product.md §2: they keep seeing
 * and may cancel them), soonest first.
 */
export async function listHostedInEcosystemsLeft(
  db: Queries,
  user: { id: string },
  now = new Date(),
): Promise<MeetingView[]> {
  const rows = await selectViews(db, {
    where: and(
      eq(meetings.hostUserId, user.id),
      eq(meetings.status, 'scheduled'),
      sql`${meetings.startAt} > ${now.toISOString()}::timestamptz`,
      sql`not exists (select 1 from ${memberships} where ${and(eq(memberships.ecosystemId, meetings.ecosystemId), eq(memberships.userId, user.id))})`,
    )!,
    orderByStart: true,
  });
  return rows.map(toView);
}

/** Bookings in this ecosystem waiting for the member's answer as their host (docs/product.md §13.3), soonest first. */
export async function listRequestsToAnswer(db: Queries, membership: Membership): Promise<MeetingView[]> {
  const rows = await selectViews(db, {
    where: and(
      eq(meetings.ecosystemId, membership.ecosystemId),
      eq(meetings.hostUserId, membership.userId),
      eq(meetings.status, 'requested'),
    )!,
    orderByStart: true,
  });
  return rows.map(toView);
}

/** The ecosystem's records this member may see, each cut to their access. */
export async function listMeetingsFor(
  db: Queries,
  membership: Membership,
  user: { email: string },
): Promise<MeetingView[]> {
  const viewer = viewerOf(membership, user);
  const rows = await selectViews(db, {
    where: and(eq(meetings.ecosystemId, membership.ecosystemId), visibleRecordsWhere(viewer))!,
    orderByStart: true,
  });
  return viewsFor(rows, viewer);
}

// The viewer's rows under their own names (drizzle renders an alias in `sql` by its name only, so
// the joins name the table and the alias).
const viewerSession = alias(sessions, 'viewer_session');
const viewerUser = alias(users, 'viewer');
const viewerMembership = alias(memberships, 'viewer_membership');
const aliasOf = (table: Table, aliased: Table) => sql`${table} as ${sql.identifier(getTableName(aliased))}`;

/**
 * The records of an ecosystem a session's person may see: joined to the live session, its user
 * and their membership, with the visibility rule reading the role, id and email from those rows.
 * Declared once: the records list is the app's most frequent read.
 */
const sessionViews = statementFromSql<Record<string, unknown>, { tokenHash: string; ecosystemId: string; now: Date }>(
  'record_views_for_session',
  (input) => {
    const viewerEmail = sql`lower(${viewerUser.email})`;
    return viewsSql({
      viewer: {
        joins: sql`inner join ${aliasOf(sessions, viewerSession)} on ${liveSession(viewerSession, input('tokenHash'), input('now'))}
          inner join ${aliasOf(users, viewerUser)} on ${eq(viewerUser.id, viewerSession.userId)}
          inner join ${aliasOf(memberships, viewerMembership)} on ${and(eq(viewerMembership.ecosystemId, meetings.ecosystemId), eq(viewerMembership.userId, viewerSession.userId))}`,
        role: sql`${viewerMembership.role}`,
        id: sql`${viewerSession.userId}`,
        email: viewerEmail,
      },
      where: and(
        eq(meetings.ecosystemId, input('ecosystemId')),
        visibleRecordsWhereRoleIn(sql`${viewerMembership.role}`, {
          userId: sql`${viewerSession.userId}`,
          email: viewerEmail,
        }),
      )!,
      orderByStart: true,
    });
  },
);

/**
 * The same for the person of a session (by its token hash), in one statement: the records come
 * joined to the live session, its user and their membership of the ecosystem, and the visibility
 * rule reads the role, id and email from those rows. Only when no row comes back is the session
 * read on its own, to tell "not signed in" (401) from "not a member" (404) from "nothing to see".
 */
export async function listMeetingsForSession(
  db: Queries,
  tokenHash: string,
  ecosystemId: string,
  now = new Date(),
): Promise<MeetingView[]> {
  const rows = isUuid(ecosystemId)
    ? (await db.run(sessionViews.statement, sessionViews.values({ tokenHash, ecosystemId, now }))).map(fromSql)
    : [];
  const first = rows[0];
  if (!first) {
    const found = await findSessionMembership(db, tokenHash, ecosystemId, now);
    if (!found) throw new UnauthenticatedError();
    if (!found.membership) throw new NotFoundError('ecosystem');
    return [];
  }
  const viewer: Viewer = { userId: first.viewerId!, email: first.viewerEmail!, role: first.viewerRole ?? 'member' };
  return viewsFor(rows, viewer);
}

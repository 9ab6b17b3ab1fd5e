/**
 * Ecosystems and membership (docs/product.md §2). Every read or write of ecosystem data goes through
 * `requireMembership`, which answers NotFound (not Forbidden) for a foreign id so ids leak nothing.
 * People join by invitation only (invitations.ts); roles and settings change in members.ts.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from '../db/orm.ts';
import type { Db, Queries } from '../db/client.ts';
import { statementFromSql } from '../db/statement.ts';
import { ecosystems, memberships, sessions, users, type Role } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import { enforce } from '../policies/decision.ts';
import { mayManageMembers, seesEmailOf } from '../policies/membershipPolicy.ts';
import { isUuid, uuidOrNil } from '../db/ids.ts';
import { liveSession } from '../auth/sessions.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';

export interface Membership {
  ecosystemId: string;
  ecosystemName: string;
  userId: string;
  role: Role;
  /** This user lets others create Zoom records on their Zoom in this ecosystem. */
  zoomForOthers: boolean;
}

export interface Member {
  userId: string;
  name: string;
  /** Only for admins, and one's own (src/policies/membershipPolicy.ts `seesEmailOf`). */
  email?: string;
  role: Role;
  zoomForOthers: boolean;
}

const membershipColumns = {
  ecosystemId: ecosystems.id,
  ecosystemName: ecosystems.name,
  userId: memberships.userId,
  role: memberships.role,
  zoomForOthers: memberships.zoomForOthers,
};

/**
 * A new ecosystem with its creator as admin. It starts in its creator's language (docs/product.md
 * §15): the language of its mail to people without an account until an admin changes it.
 */
export async function createEcosystem(
  db: Db,
  creatorId: string,
  name: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<{ id: string; name: string }> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(ecosystems).values({ id, name: name.trim(), createdBy: creatorId, locale });
    await tx.insert(memberships).values({ ecosystemId: id, userId: creatorId, role: 'admin' });
  });
  return { id, name: name.trim() };
}

export async function listMyEcosystems(db: Queries, userId: string): Promise<Membership[]> {
  return db
    .select(membershipColumns)
    .from(memberships)
    .innerJoin(ecosystems, eq(ecosystems.id, memberships.ecosystemId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(ecosystems.name));
}

export async function findMembership(
  db: Queries,
  userId: string,
  ecosystemId: string,
): Promise<Membership | undefined> {
  if (!isUuid(ecosystemId)) return undefined;
  const [row] = await db
    .select(membershipColumns)
    .from(memberships)
    .innerJoin(ecosystems, eq(ecosystems.id, memberships.ecosystemId))
    .where(and(eq(memberships.userId, userId), eq(memberships.ecosystemId, ecosystemId)));
  return row;
}

export async function requireMembership(db: Queries, userId: string, ecosystemId: string): Promise<Membership> {
  const membership = await findMembership(db, userId, ecosystemId);
  if (!membership) throw new NotFoundError('ecosystem');
  return membership;
}

/**
 * The user of a live session and their membership of one ecosystem, around the one rule of a live
 * session (`liveSession`). Declared once: every request that creates a record starts with it.
 */
const sessionMembership = statementFromSql<
  {
    id: string;
    name: string;
    email: string;
    ecosystemId: string | null;
    ecosystemName: string | null;
    role: Role | null;
    zoomForOthers: boolean | null;
  },
  { tokenHash: string; ecosystemId: string; now: Date }
>(
  'session_membership',
  (input) =>
    sql`select u.id, u.name, u.email, e.id as "ecosystemId", e.name as "ecosystemName", m.role, m.zoom_for_others as "zoomForOthers"
      from sessions
      join users u on u.id = sessions.user_id
      left join memberships m on m.user_id = sessions.user_id and m.ecosystem_id = ${input('ecosystemId')}::uuid
      left join ecosystems e on e.id = m.ecosystem_id
      where ${liveSession(sessions, input('tokenHash'), input('now'))}`,
);

/**
 * The user of a live session (by its token hash) and their membership of `ecosystemId`, read in
 * one statement so a request can check both inside its own transaction. Undefined when there is no
 * such session; `membership` undefined when the user is not a member.
 */
export async function findSessionMembership(
  db: Queries,
  tokenHash: string,
  ecosystemId: string,
  now = new Date(),
): Promise<{ user: { id: string; name: string; email: string }; membership: Membership | undefined } | undefined> {
  const [row] = await db.run(
    sessionMembership.statement,
    sessionMembership.values({ tokenHash, ecosystemId: uuidOrNil(ecosystemId), now }),
  );
  if (!row) return undefined;
  const user = { id: row.id, name: row.name, email: row.email };
  if (row.ecosystemId === null || row.ecosystemName === null || row.role === null || row.zoomForOthers === null)
    return { user, membership: undefined };
  return {
    user,
    membership: {
      ecosystemId: row.ecosystemId,
      ecosystemName: row.ecosystemName,
      userId: row.id,
      role: row.role,
      zoomForOthers: row.zoomForOthers,
    },
  };
}

export function requireAdmin(membership: Membership): void {
  enforce(mayManageMembers(membership));
}

/** An ecosystem's members with their names and emails, by name; `roles` keeps only those roles. */
export function memberRows(db: Queries, ecosystemId: string, roles?: Role[]) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      zoomForOthers: memberships.zoomForOthers,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.ecosystemId, ecosystemId), roles ? inArray(memberships.role, roles) : undefined))
    .orderBy(asc(users.name));
}

/** The ecosystem's members as `viewer` (a member of it) may see them: emails for admins only. */
export async function listMembers(db: Db, viewer: Membership): Promise<Member[]> {
  const rows = await memberRows(db, viewer.ecosystemId);
  return rows.map(({ email, ...member }) => (seesEmailOf(viewer, member) ? { ...member, email } : member));
}

/**
 * Ecosystems and membership (SPEC §2). Every read or write of ecosystem data goes through
 * `requireMembership`, which answers NotFound (not Forbidden) for a foreign id so ids leak nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ecosystems, memberships, users, type Role } from '../db/schema.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { normalizeEmail } from '../auth/accounts.ts';

export interface Membership {
  ecosystemId: string;
  ecosystemName: string;
  userId: string;
  role: Role;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
}

export async function createEcosystem(db: Db, creatorId: string, name: string): Promise<{ id: string; name: string }> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(ecosystems).values({ id, name: name.trim(), createdBy: creatorId });
    await tx.insert(memberships).values({ ecosystemId: id, userId: creatorId, role: 'admin' });
  });
  return { id, name: name.trim() };
}

export async function listMyEcosystems(db: Db, userId: string): Promise<Membership[]> {
  return db
    .select({ ecosystemId: ecosystems.id, ecosystemName: ecosystems.name, userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .innerJoin(ecosystems, eq(ecosystems.id, memberships.ecosystemId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(ecosystems.name));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findMembership(db: Db, userId: string, ecosystemId: string): Promise<Membership | undefined> {
  if (!UUID.test(ecosystemId)) return undefined;
  const [row] = await db
    .select({ ecosystemId: ecosystems.id, ecosystemName: ecosystems.name, userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .innerJoin(ecosystems, eq(ecosystems.id, memberships.ecosystemId))
    .where(and(eq(memberships.userId, userId), eq(memberships.ecosystemId, ecosystemId)));
  return row;
}

export async function requireMembership(db: Db, userId: string, ecosystemId: string): Promise<Membership> {
  const membership = await findMembership(db, userId, ecosystemId);
  if (!membership) throw new NotFoundError('ecosystem');
  return membership;
}

export function requireAdmin(membership: Membership): void {
  if (membership.role !== 'admin') {
    throw new ForbiddenError('not_admin', 'Only an admin of this ecosystem can do this.');
  }
}

export async function listMembers(db: Db, ecosystemId: string): Promise<Member[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.ecosystemId, ecosystemId))
    .orderBy(asc(users.name));
}

/**
 * Adds a signed-up user to the ecosystem by email, or changes their role. Only admins may.
 * An email with no account answers `user_not_found` (invitations of new people are out of scope).
 */
export async function addMember(
  db: Db,
  actor: Membership,
  input: { email: string; role: Role },
): Promise<Member> {
  requireAdmin(actor);
  const email = normalizeEmail(input.email);
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) {
    throw new NotFoundError('user', {
      code: 'user_not_found',
      message: `No one has signed up with ${email} yet. Ask them to sign up first.`,
      field: 'email',
    });
  }
  await db
    .insert(memberships)
    .values({ ecosystemId: actor.ecosystemId, userId: user.id, role: input.role })
    .onConflictDoUpdate({ target: [memberships.ecosystemId, memberships.userId], set: { role: input.role } });
  return { userId: user.id, name: user.name, email: user.email, role: input.role };
}

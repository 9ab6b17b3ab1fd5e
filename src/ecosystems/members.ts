/**
 * Changing an ecosystem's people after they joined (docs/product.md §2): an admin changes roles or removes
 * someone, anyone may leave, and the last admin always stays. Each change locks the ecosystem row
 * first, so two admins demoting each other at once cannot leave it with none.
 */
import { and, eq, sql } from '../db/orm.ts';
import type { Db } from '../db/client.ts';
import { ecosystems, memberships, type Role } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import { enforce } from '../policies/decision.ts';
import { mayHostZoomForOthers, mayLoseAdmin, mayManageMembers } from '../policies/membershipPolicy.ts';
import type { Membership } from './ecosystems.ts';
import { isUuid } from '../db/ids.ts';

async function changeMembership(db: Db, actor: Membership, userId: string, change: Role | 'removed'): Promise<void> {
  if (!(change === 'removed' && userId === actor.userId)) enforce(mayManageMembers(actor));
  if (!isUuid(userId)) throw new NotFoundError('member');
  await db.transaction(async (tx) => {
    await tx.select({ id: ecosystems.id }).from(ecosystems).where(eq(ecosystems.id, actor.ecosystemId)).for('update');
    const [target] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.ecosystemId, actor.ecosystemId), eq(memberships.userId, userId)));
    if (!target) throw new NotFoundError('member');
    const [admins] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.ecosystemId, actor.ecosystemId), eq(memberships.role, 'admin')));
    enforce(mayLoseAdmin(target, change, admins?.n ?? 0));
    const where = and(eq(memberships.ecosystemId, actor.ecosystemId), eq(memberships.userId, userId));
    if (change === 'removed') await tx.delete(memberships).where(where);
    else await tx.update(memberships).set({ role: change }).where(where);
  });
}

/** Gives a member another role (admins only; never the last admin's). */
export function changeRole(db: Db, actor: Membership, userId: string, role: Role): Promise<void> {
  return changeMembership(db, actor, userId, role);
}

/** Removes a member (admins), or the actor leaves (anyone but the last admin). */
export function removeMember(db: Db, actor: Membership, userId: string): Promise<void> {
  return changeMembership(db, actor, userId, 'removed');
}

export interface MySettings {
  /** "Let members schedule Zoom meetings with me" in this ecosystem (off by default). */
  zoomForOthers: boolean;
}

export async function updateMySettings(db: Db, actor: Membership, settings: MySettings): Promise<MySettings> {
  if (settings.zoomForOthers) enforce(mayHostZoomForOthers(actor));
  await db
    .update(memberships)
    .set({ zoomForOthers: settings.zoomForOthers })
    .where(and(eq(memberships.ecosystemId, actor.ecosystemId), eq(memberships.userId, actor.userId)));
  return { zoomForOthers: settings.zoomForOthers };
}

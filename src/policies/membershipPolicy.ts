/**
 * Who may change an ecosystem's people (docs/product.md §2), beside the record rules in recordPolicy.ts.
 * Data-dependent rules (the last admin) are decided here from counts the caller reads under a
 * lock; the caller only supplies facts.
 */
import type { Role } from '../db/schema.ts';
import { ALLOWED, type Decision } from './decision.ts';

/** Invitations, role changes, removals and the invitation list: admins only. */
export function mayManageMembers(actor: { role: Role }): Decision {
  if (actor.role === 'admin') return ALLOWED;
  return { ok: false, status: 403, code: 'not_admin', message: 'Only an admin of this ecosystem can do this.' };
}

/** The last admin stays: an ecosystem without an admin could never be managed again. */
export function mayLoseAdmin(target: { role: Role }, newRole: Role | 'removed', adminCount: number): Decision {
  if (target.role !== 'admin' || newRole === 'admin' || adminCount > 1) return ALLOWED;
  return {
    ok: false,
    status: 409,
    code: 'last_admin',
    message: 'This is the ecosystem’s only admin. Make someone else an admin first.',
  };
}

/**
 * Members see each other's names and roles; another member's email address only admins see
 * (docs/product.md §2). Everyone sees their own.
 */
export function seesEmailOf(viewer: { userId: string; role: Role }, member: { userId: string }): boolean {
  return viewer.role === 'admin' || viewer.userId === member.userId;
}

/** "Let members schedule Zoom meetings with me" only means something for people who host. */
export function mayHostZoomForOthers(actor: { role: Role }): Decision {
  if (actor.role !== 'member') return ALLOWED;
  return {
    ok: false,
    status: 403,
    code: 'not_host',
    message: 'Only hosts and admins host meetings in this ecosystem.',
  };
}

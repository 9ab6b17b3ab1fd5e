/**
 * Who may change an ecosystem's people (docs/product.md §2), beside the record rules in recordPolicy.ts.
 * Data-dependent rules (the last admin) are decided here from counts the caller reads under a
 * lock; the caller only supplies facts.
 */
import type { Role } from '../db/schema.ts';
import { ALLOWED, type Decision, refusal } from './decision.ts';

/** Invitations, role changes, removals and the invitation list: admins only. */
export function mayManageMembers(actor: { role: Role }): Decision {
  if (actor.role === 'admin') return ALLOWED;
  return refusal(403, 'not_admin', 'codes.not_admin');
}

/** The last admin stays: an ecosystem without an admin could never be managed again. */
export function mayLoseAdmin(target: { role: Role }, newRole: Role | 'removed', adminCount: number): Decision {
  if (target.role !== 'admin' || newRole === 'admin' || adminCount > 1) return ALLOWED;
  return refusal(409, 'last_admin', 'codes.last_admin');
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
  return refusal(403, 'not_host', 'access.hostZoomForOthers');
}

/**
 * The people a member may name as host on the create forms, with whether a Zoom record with each
 * is allowed for them — both decided by the policy (src/policies/recordPolicy.ts), so the form says
 * what the create will answer.
 */
import { and, asc, eq, inArray } from '../db/orm.ts';
import type { Queries } from '../db/client.ts';
import { memberships, users, type MeetingKind } from '../db/schema.ts';
import type { Membership } from '../ecosystems/ecosystems.ts';
import { seesEmailOf } from '../policies/membershipPolicy.ts';
import { mayNameHost, mayPutMeetingOnHostsZoom } from '../policies/recordPolicy.ts';

export interface HostChoice {
  id: string;
  name: string;
  /** For admins only (docs/product.md §2: other members' emails are for admins). */
  email?: string;
  /** A Zoom record with this host is allowed for this actor (own Zoom, or the host's consent). */
  zoomAllowed: boolean;
}

/** The people this member may name as host for `kind`, for the create forms' host picker. */
export async function listPossibleHosts(db: Queries, actor: Membership, kind: MeetingKind): Promise<HostChoice[]> {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      zoomForOthers: memberships.zoomForOthers,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.ecosystemId, actor.ecosystemId), inArray(memberships.role, ['host', 'admin'])))
    .orderBy(asc(users.name));
  return rows
    .filter((h) => mayNameHost(actor, kind, { userId: h.id, role: h.role }).ok)
    .map((h) => ({
      id: h.id,
      name: h.name,
      ...(seesEmailOf(actor, { userId: h.id }) ? { email: h.email } : {}),
      zoomAllowed: mayPutMeetingOnHostsZoom(actor, {
        userId: h.id,
        name: h.name,
        membership: { role: h.role, zoomForOthers: h.zoomForOthers },
      }).ok,
    }));
}

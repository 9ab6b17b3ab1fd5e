/**
 * The people a member may name as host on the create forms, with whether a Zoom record with each
 * is allowed for them — both decided by the policy (src/policies/recordPolicy.ts), so the form says
 * what the create will answer.
 */
import type { Queries } from '../db/client.ts';
import type { MeetingKind } from '../db/schema.ts';
import { type Membership, memberRows } from '../ecosystems/ecosystems.ts';
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
  const rows = await memberRows(db, actor.ecosystemId, ['host', 'admin']);
  return rows
    .filter((h) => mayNameHost(actor, kind, { userId: h.userId, role: h.role }).ok)
    .map((h) => ({
      id: h.userId,
      name: h.name,
      ...(seesEmailOf(actor, { userId: h.userId }) ? { email: h.email } : {}),
      zoomAllowed: mayPutMeetingOnHostsZoom(actor, {
        userId: h.userId,
        name: h.name,
        membership: { role: h.role, zoomForOthers: h.zoomForOthers },
      }).ok,
    }));
}

/**
 * Rules about a person's own account (docs/product.md §2), beside the ecosystem and record rules: every
 * account route acts on the signed-in person's own account only (their session names it; no route
 * takes another person's id), and these decide what ends which sessions and what a new password
 * must be. src/auth/ carries them out.
 */
import { ALLOWED, type Decision, refusal } from './decision.ts';

/** What changed about an account's way in. */
export type AccountEvent = 'password_changed' | 'password_reset' | 'signed_out_everywhere';

/**
 * Which sessions an event ends. A password change keeps the session that made it (the person is
 * there, and proved the old password); a reset is done by whoever holds the mailbox, so no
 * session from before it is trusted; signing out everywhere means everywhere.
 */
export function sessionsEndedBy(event: AccountEvent): 'all' | 'all_but_current' {
  return event === 'password_changed' ? 'all_but_current' : 'all';
}

/** A new password: not the one it replaces (a change that changes nothing ends no session). */
export function mayUseNewPassword(change: { newPassword: string; currentPassword: string }): Decision {
  if (change.newPassword !== change.currentPassword) return ALLOWED;
  return refusal(400, 'same_password', 'codes.same_password');
}

/**
 * Membership by consent (docs/product.md §2): an admin invites an email; the person with that account email
 * (now, or after signing up with it) accepts or declines; until then they are not a member. The
 * answers to the admin are the same whether or not the email has an account, so inviting is no
 * way to find out who uses the product. The invitation's mail passes the mail gate: one a day per
 * mailbox and ecosystem, however often it is revoked, re-sent or its role changed, and counted
 * against the inviter and the ecosystem (src/mail/mailGate.ts). The mail is in the invitee's
 * language when the email has an account, else in the ecosystem's (docs/product.md §15).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from '../db/orm.ts';
import type { Db, Queries } from '../db/client.ts';
import { ecosystems, invitations, memberships, users, type Role } from '../db/schema.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import { renderNotice } from '../mail/renderMeetingMail.ts';
import { queueMail } from '../mail/sendMailJob.ts';
import { admitInvitationMail, type MailLimits } from '../mail/mailGate.ts';
import { enforce } from '../policies/decision.ts';
import { mayManageMembers } from '../policies/membershipPolicy.ts';
import type { Membership } from './ecosystems.ts';
import { isUuid } from '../db/ids.ts';
import { translatorFor } from '../i18n/i18n.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { ecosystemLocale } from './ecosystemSettings.ts';

export interface InvitationDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
  appBaseUrl: string;
  mailLimits: MailLimits;
  now: () => Date;
}

/** What the admin who invited sees (docs/product.md §9: `{id, email, role, status: "invited"}`). */
export interface SentInvitation {
  id: string;
  email: string;
  role: Role;
  status: 'invited';
  invitedAt: string;
}

/** What the invitee sees. */
export interface ReceivedInvitation {
  id: string;
  ecosystem: { id: string; name: string };
  role: Role;
  invitedAt: string;
}

/**
 * The language an invitation is written in (docs/product.md §15): the invitee's own when the
 * email already has an account, else the ecosystem's.
 */
async function inviteeLocale(tx: Queries, email: string, ecosystemId: string): Promise<Locale> {
  const [account] = await tx.select({ locale: users.locale }).from(users).where(eq(users.email, email));
  if (account && isLocale(account.locale)) return account.locale;
  return ecosystemLocale(tx, ecosystemId);
}

/** The invitation mail, in `locale`. */
function invitationMail(
  locale: Locale,
  invitation: { inviter: string; ecosystem: string; role: Role; appBaseUrl: string },
) {
  const t = translatorFor(locale);
  const names = { inviter: invitation.inviter, ecosystem: invitation.ecosystem };
  return renderNotice({
    subject: t('ecosystem.invitationMail.subject', names),
    paragraphs: [t(`ecosystem.invitationMail.joinAs.${invitation.role}`, names), t('ecosystem.invitationMail.howTo')],
    actionUrl: `${invitation.appBaseUrl}/ecosystems`,
    actionLabel: t('ecosystem.invitationMail.action'),
  });
}

/**
 * Invites `email` with `role`, or updates the role of the open invitation. The invitee is mailed
 * when the invitation is new or its role changed, unless they were mailed about this ecosystem in
 * the last day. Someone who is already a member is refused (admins see the member list anyway;
 * change their role there). 429 `mail_quota` when the mail does not fit the inviter's or the
 * ecosystem's limits (nothing is saved then).
 */
export async function inviteMember(
  deps: InvitationDeps,
  actor: Membership & { inviterName: string; inviterEmail: string },
  input: { email: string; role: Role },
): Promise<SentInvitation> {
  enforce(mayManageMembers(actor));
  const email = input.email.trim().toLowerCase();
  return deps.db.transaction(async (tx) => {
    const [member] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.ecosystemId, actor.ecosystemId), eq(users.email, email)));
    if (member) {
      throw new ConflictError(
        'already_member',
        { key: 'records.alreadyMember', params: { email } },
        {
          field: 'email',
        },
      );
    }
    const [existing] = await tx
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.ecosystemId, actor.ecosystemId),
          eq(invitations.email, email),
          eq(invitations.status, 'pending'),
        ),
      )
      .for('update');
    let row: typeof invitations.$inferSelect;
    if (existing) {
      if (existing.role === input.role) return sentView(existing);
      [row] = (await tx
        .update(invitations)
        .set({ role: input.role })
        .where(eq(invitations.id, existing.id))
        .returning()) as [typeof existing];
    } else {
      const inserted = await tx
        .insert(invitations)
        .values({ id: randomUUID(), ecosystemId: actor.ecosystemId, email, role: input.role, invitedBy: actor.userId })
        .onConflictDoNothing()
        .returning();
      // A concurrent invite of the same person won the race: theirs stands, answer with it.
      if (inserted.length === 0) {
        const [winner] = await tx
          .select()
          .from(invitations)
          .where(
            and(
              eq(invitations.ecosystemId, actor.ecosystemId),
              eq(invitations.email, email),
              eq(invitations.status, 'pending'),
            ),
          );
        return sentView(winner!);
      }
      row = inserted[0]!;
    }
    const rendered = invitationMail(await inviteeLocale(tx, email, actor.ecosystemId), {
      inviter: actor.inviterName,
      ecosystem: actor.ecosystemName,
      role: row.role,
      appBaseUrl: deps.appBaseUrl,
    });
    const pass = await admitInvitationMail(tx, deps, {
      actor: { id: actor.userId, email: actor.inviterEmail },
      ecosystemId: actor.ecosystemId,
      email,
    });
    if (pass) await queueMail(tx, deps.queue, { to: email, ...rendered, ecosystemId: actor.ecosystemId, pass });
    return sentView(row);
  });
}

function sentView(row: typeof invitations.$inferSelect): SentInvitation {
  return { id: row.id, email: row.email, role: row.role, status: 'invited', invitedAt: row.createdAt.toISOString() };
}

/** Open invitations of an ecosystem, for its admins. */
export async function listPendingInvitations(db: Db, actor: Membership): Promise<SentInvitation[]> {
  enforce(mayManageMembers(actor));
  const rows = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.ecosystemId, actor.ecosystemId), eq(invitations.status, 'pending')))
    .orderBy(asc(invitations.createdAt));
  return rows.map(sentView);
}

/** Withdraws an open invitation (admins). A foreign or answered invitation answers 404. */
export async function revokeInvitation(db: Db, actor: Membership, invitationId: string): Promise<void> {
  enforce(mayManageMembers(actor));
  if (!isUuid(invitationId)) throw new NotFoundError('invitation');
  const updated = await db
    .update(invitations)
    .set({ status: 'revoked', respondedAt: new Date() })
    .where(
      and(
        eq(invitations.id, invitationId),
        eq(invitations.ecosystemId, actor.ecosystemId),
        eq(invitations.status, 'pending'),
      ),
    )
    .returning({ id: invitations.id });
  if (updated.length === 0) throw new NotFoundError('invitation');
}

/** Open invitations addressed to this account's email. */
export async function listMyInvitations(db: Db, user: { email: string }): Promise<ReceivedInvitation[]> {
  const rows = await db
    .select({
      id: invitations.id,
      role: invitations.role,
      createdAt: invitations.createdAt,
      ecosystemId: ecosystems.id,
      ecosystemName: ecosystems.name,
    })
    .from(invitations)
    .innerJoin(ecosystems, eq(ecosystems.id, invitations.ecosystemId))
    .where(and(eq(invitations.email, user.email.toLowerCase()), eq(invitations.status, 'pending')))
    .orderBy(asc(invitations.createdAt));
  return rows.map((r) => ({
    id: r.id,
    ecosystem: { id: r.ecosystemId, name: r.ecosystemName },
    role: r.role,
    invitedAt: r.createdAt.toISOString(),
  }));
}

/**
 * Accepts or declines an open invitation addressed to the user's email. Anyone else's (or an
 * answered) invitation answers 404. Accepting makes the membership in the same transaction; if
 * the person is somehow a member already, their current role stays.
 */
export async function answerInvitation(
  db: Db,
  user: { id: string; email: string },
  invitationId: string,
  answer: 'accept' | 'decline',
): Promise<{ ecosystem: { id: string; name: string }; role: Role; status: 'accepted' | 'declined' }> {
  if (!isUuid(invitationId)) throw new NotFoundError('invitation');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ status: answer === 'accept' ? 'accepted' : 'declined', respondedAt: new Date() })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.email, user.email.toLowerCase()),
          eq(invitations.status, 'pending'),
        ),
      )
      .returning();
    if (!row) throw new NotFoundError('invitation');
    const [eco] = await tx
      .select({ id: ecosystems.id, name: ecosystems.name })
      .from(ecosystems)
      .where(eq(ecosystems.id, row.ecosystemId));
    if (answer === 'accept') {
      await tx
        .insert(memberships)
        .values({ ecosystemId: row.ecosystemId, userId: user.id, role: row.role })
        .onConflictDoNothing();
    }
    return { ecosystem: eco!, role: row.role, status: answer === 'accept' ? 'accepted' : 'declined' };
  });
}

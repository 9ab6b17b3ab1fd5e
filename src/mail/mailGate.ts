/**
 * The mail gate (docs/product.md §2, "No mail cannon"): the one place that decides whether an action may
 * cause mail, and counts it. Every message goes through `queueMail`, which takes a `MailPass`;
 * passes come only from this module:
 * - `chargeActionMail`: a signed-in person's action (inviting, creating, rescheduling, cancelling,
 *   registering someone) counts the mails it causes to others against that person (per hour and
 *   per day) and the ecosystem (per hour), in the action's own transaction, with one bounded
 *   upsert. Past a limit it throws 429 `mail_quota` (with Retry-After) and the transaction stores
 *   nothing. Mail a person gets about their own action counts against no one.
 * - `admitAccountMail`: sign-up and password-reset mails, counted per client address (429 past
 *   the limit) and per mailbox (silently: the request still answers 202, and sends nothing).
 * - `admitInvitationMail`: an invitation to one mailbox for one ecosystem is mailed at most once a
 *   day, however often it is revoked, re-sent or its role changed; when it is mailed it is counted
 *   like any action's mail.
 * - `COUNTED_WITH_ITS_ACTION`, `SYSTEM_NOTICE`, `REMINDER`, `PERSONAL_LINK_ANSWER` and
 *   `ABOUT_ONES_OWN_REGISTRATION`, for mail that needs no count of its own.
 * Mail a job sends later for an action (a Zoom meeting's invitations when it goes live) was
 * counted when the action happened. Addresses are counted as mailboxes: case and `+tag` folded.
 */
import { sql } from '../db/orm.ts';
import type { Tx } from '../db/client.ts';
import { statement } from '../db/statement.ts';
import { databaseErrorOf } from '../db/transactionLedger.ts';
import { mailQuota } from '../db/schema.ts';
import { TooManyRequestsError } from '../errors.ts';

/** The limits (src/config.ts, `MAIL_QUOTA_*`). */
export interface MailLimits {
  perPersonHour: number;
  perPersonDay: number;
  perEcosystemHour: number;
  perClientHour: number;
}

export interface MailGateDeps {
  mailLimits: MailLimits;
  now: () => Date;
}

/** Sign-up or reset mails one mailbox receives per hour, silently capped (docs/product.md §2). */
export const ACCOUNT_MAILS_PER_MAILBOX_HOUR = 3;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

declare const passBrand: unique symbol;
/**
 * What `queueMail` requires: proof that the message went through this gate, and on which basis.
 * Only this module makes them.
 */
export interface MailPass {
  readonly basis: 'counted' | 'counted_with_its_action' | 'system' | 'reminder' | 'personal_link' | 'own';
  readonly [passBrand]: true;
}
const pass = (basis: MailPass['basis']) => ({ basis }) as MailPass;

/**
 * Mail a job sends to finish an action that was counted when it happened: a Zoom record's
 * invitations or updates, sent once its meeting exists.
 */
export const COUNTED_WITH_ITS_ACTION: MailPass = pass('counted_with_its_action');

/**
 * Notices the app sends a host on its own about their Zoom work (reconnect needed, a create that
 * failed, a meeting left on Zoom): caused by no one's request, one per record or connection event.
 */
export const SYSTEM_NOTICE: MailPass = pass('system');

/**
 * Reminders (docs/product.md §13.4): at most one per person on a record per offset the ecosystem's
 * admins chose, sent by the app at its time; they count against no one.
 */
export const REMINDER: MailPass = pass('reminder');

/**
 * What a personal link's answer tells the host and the creator (docs/product.md §13.2): a link acts
 * once, and only the people already on the record hold one, so this mail is bounded by the mail
 * that carried the link; the person answering may have no account to count it against.
 */
export const PERSONAL_LINK_ANSWER: MailPass = pass('personal_link');

/**
 * Mail a person gets about their own registration (docs/product.md §13.4): the invitation when the
 * waitlist seats them, a cancellation for their calendar when they leave. It counts against no one.
 */
export const ABOUT_ONES_OWN_REGISTRATION: MailPass = pass('own');

/** The 429 of the gate: which limit, and when it frees up. */
export class MailQuotaError extends TooManyRequestsError {
  constructor(message: string, retryAfterSeconds: number) {
    super(message, retryAfterSeconds, 'mail_quota');
  }
}

/**
 * The mailbox an address delivers to, for counting: lower-cased, and without a `+tag` in the
 * local part (`Name+1@Example.com` → `name@example.com`).
 */
export function mailboxOf(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const local = address.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}${address.slice(at)}`;
}

/** One counter to add to, and its limit. */
interface Counter {
  key: string;
  mails: number;
  limit: number;
  /** When a window started now would end (the row keeps its own while it has not ended). */
  windowEndsAt: Date;
  /** For the refusal's message and Retry-After. */
  refusal: (retryAfterSeconds: number) => MailQuotaError;
}

const endOfUtcHour = (now: Date) => new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
const endOfUtcDay = (now: Date) => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
const secondsUntil = (end: Date, now: Date) => Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000));
const minutes = (seconds: number) => `${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}`;

/**
 * Adds each counter's mails to its row in one statement and answers the keys that were counted:
 * a counter whose window would pass its limit is left as it was (and not answered).
 * Rows are locked in the order given, so concurrent actions of one person or ecosystem queue on
 * them and none overshoots.
 */
async function count(tx: Tx, counters: Counter[], now: Date): Promise<Set<string>> {
  const nowIso = now.toISOString();
  const inWindow = sql`${mailQuota.windowEndsAt} > ${nowIso}::timestamptz`;
  const next = sql`(CASE WHEN ${inWindow} THEN ${mailQuota.mails} + excluded.mails ELSE excluded.mails END)`;
  const fitting = counters.filter((c) => c.mails <= c.limit);
  if (fitting.length === 0) return new Set();
  const counted = await tx
    .insert(mailQuota)
    .values(fitting.map((c) => ({ key: c.key, windowEndsAt: c.windowEndsAt, mails: c.mails, mailLimit: c.limit })))
    .onConflictDoUpdate({
      target: mailQuota.key,
      set: {
        mails: next,
        windowEndsAt: sql`CASE WHEN ${inWindow} THEN ${mailQuota.windowEndsAt} ELSE excluded.window_ends_at END`,
        mailLimit: sql`excluded.mail_limit`,
      },
      setWhere: sql`${next} <= excluded.mail_limit`,
    })
    .returning({ key: mailQuota.key });
  return new Set(counted.map((row) => row.key));
}

/**
 * Adds an action's mails to its counters (the person's hour and day, the ecosystem's hour): $1–$4
 * the counters' keys, mails, limits and window ends, $5 now, $6 "never refused" (a cancellation's
 * notices count even past a limit). A counter that does not fit is left as it was and refused.
 */
const chargeMail = statement(
  'charge_action_mail',
  `with wanted (key, mails, mail_limit, window_ends_at) as (
     select * from unnest($1::text[], $2::integer[], $3::integer[], $4::timestamptz[])
   ), counted as (
     insert into mail_quota as q (key, window_ends_at, mails, mail_limit)
     select key, window_ends_at, mails, mail_limit from wanted where $6::boolean or mails <= mail_limit
     on conflict (key) do update set
       mails = case when q.window_ends_at > $5::timestamptz then q.mails + excluded.mails else excluded.mails end,
       window_ends_at = case when q.window_ends_at > $5::timestamptz then q.window_ends_at
         else excluded.window_ends_at end,
       mail_limit = excluded.mail_limit
     where $6::boolean
       or (case when q.window_ends_at > $5::timestamptz then q.mails + excluded.mails else excluded.mails end)
         <= excluded.mail_limit
     returning q.key
   )
   select mail_quota_refused(wanted.key) from wanted
   where not $6::boolean and wanted.key not in (select key from counted)`,
);

export interface ActionMail {
  /** Who acts; mail to their own address is about their own action and is not counted. */
  actor: { id: string; email: string };
  ecosystemId: string;
  /** Every address the action mails (now, or through a job later), the actor's own included. */
  recipients: readonly string[];
  /**
   * Cancelling is never refused (a meeting must always be callable off, and its Zoom meeting
   * deleted): its notices, one to each person already on the record, count all the same, so the
   * canceller's next mailing action waits.
   */
  neverRefused?: boolean;
}

/**
 * Counts the mail an action causes to others (docs/product.md §2), inside the action's transaction: one
 * bounded upsert of the person's hour and day and the ecosystem's hour. Throws 429 `mail_quota`
 * when it does not fit (the caller's transaction then stores nothing).
 */
export async function chargeActionMail(tx: Tx, gate: MailGateDeps, mail: ActionMail): Promise<MailPass> {
  const own = mailboxOf(mail.actor.email);
  const mails = mail.recipients.filter((to) => mailboxOf(to) !== own).length;
  if (mails === 0) return pass('counted');
  const now = gate.now();
  const limits = gate.mailLimits;
  const hourEnd = endOfUtcHour(now);
  const counters: Counter[] = [
    {
      key: `person-hour:${mail.actor.id}`,
      mails,
      limit: limits.perPersonHour,
      windowEndsAt: hourEnd,
      refusal: (s) =>
        new MailQuotaError(
          `This would send more email than one person may send through Ekosistem App in an hour (${limits.perPersonHour}). Nothing was changed; try again in ${minutes(s)}.`,
          s,
        ),
    },
    {
      key: `person-day:${mail.actor.id}`,
      mails,
      limit: limits.perPersonDay,
      windowEndsAt: endOfUtcDay(now),
      refusal: (s) =>
        new MailQuotaError(
          `This would send more email than one person may send through Ekosistem App in a day (${limits.perPersonDay}). Nothing was changed; try again after 00:00 UTC.`,
          s,
        ),
    },
    {
      key: `ecosystem-hour:${mail.ecosystemId}`,
      mails,
      limit: limits.perEcosystemHour,
      windowEndsAt: hourEnd,
      refusal: (s) =>
        new MailQuotaError(
          `This ecosystem has sent as much email as it may in an hour (${limits.perEcosystemHour}). Nothing was changed; try again in ${minutes(s)}.`,
          s,
        ),
    },
  ];
  // One declared statement, checked with the action's COMMIT: a count that does not fit raises
  // EQ429 naming its counter (migration 0009), which becomes that counter's 429 here.
  const counted = tx.run(
    chargeMail,
    [
      counters.map((c) => c.key),
      counters.map((c) => c.mails),
      counters.map((c) => c.limit),
      counters.map((c) => c.windowEndsAt.toISOString()),
      now,
      mail.neverRefused === true,
    ],
    {
      refusal: (error) => {
        const refused = databaseErrorOf(error);
        const counter = refused?.code === 'EQ429' && counters.find((c) => c.key === refused.detail);
        return counter ? counter.refusal(secondsUntil(counter.windowEndsAt, now)) : undefined;
      },
    },
  );
  tx.atCommit(counted);
  return pass('counted');
}

/**
 * Sign-up and password-reset mail (docs/product.md §2): every request counts against its client address (429
 * `mail_quota` past the limit, whatever the email, so the answer tells nothing about accounts);
 * each mailbox gets at most ACCOUNT_MAILS_PER_MAILBOX_HOUR of each kind an hour, silently —
 * undefined then, and the caller sends nothing but answers as always.
 */
export async function admitAccountMail(
  tx: Tx,
  gate: MailGateDeps,
  request: { kind: 'signup' | 'reset'; clientAddress: string; email: string },
): Promise<MailPass | undefined> {
  const now = gate.now();
  const limit = gate.mailLimits.perClientHour;
  const client: Counter = {
    key: `client-hour:${request.clientAddress}`,
    mails: 1,
    limit,
    windowEndsAt: endOfUtcHour(now),
    refusal: (s) =>
      new MailQuotaError(
        `Too many sign-up and password-reset emails were asked from your network in the last hour (${limit}). Try again in ${minutes(s)}.`,
        s,
      ),
  };
  const mailbox: Counter = {
    key: `${request.kind}:${mailboxOf(request.email)}`,
    mails: 1,
    limit: ACCOUNT_MAILS_PER_MAILBOX_HOUR,
    windowEndsAt: new Date(now.getTime() + HOUR_MS),
    refusal: () => {
      throw new Error('a mailbox cap is silent');
    },
  };
  const counted = await count(tx, [client, mailbox], now);
  if (!counted.has(client.key)) throw client.refusal(secondsUntil(client.windowEndsAt, now));
  return counted.has(mailbox.key) ? pass('counted') : undefined;
}

/**
 * An invitation's mail (docs/product.md §2): at most one a day to one mailbox for one ecosystem, however
 * often it is revoked, re-sent or its role changed — undefined then, and the invitation is saved
 * without a mail. When it is mailed, the mail counts against the inviter and the ecosystem.
 */
export async function admitInvitationMail(
  tx: Tx,
  gate: MailGateDeps,
  invitation: { actor: { id: string; email: string }; ecosystemId: string; email: string },
): Promise<MailPass | undefined> {
  const now = gate.now();
  const daily: Counter = {
    key: `invitation:${invitation.ecosystemId}:${mailboxOf(invitation.email)}`,
    mails: 1,
    limit: 1,
    windowEndsAt: new Date(now.getTime() + DAY_MS),
    refusal: () => {
      throw new Error('the daily invitation mail is silent');
    },
  };
  if (!(await count(tx, [daily], now)).has(daily.key)) return undefined;
  return chargeActionMail(tx, gate, {
    actor: invitation.actor,
    ecosystemId: invitation.ecosystemId,
    recipients: [invitation.email],
  });
}

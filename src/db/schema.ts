/**
 * Drizzle table definitions mirroring src/db/migrations/*.sql (the SQL files are the source of
 * truth; this file only gives the query code types).
 */
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from './orm.ts';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
};

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** Their own time zone for the times mails show them (migration 0011); null: the record's. */
  timezone: text('timezone'),
  /** The language they read pages and mails in: en, fi or sv (migration 0013). */
  locale: text('locale').notNull().default('en'),
  ...timestamps,
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  ...timestamps,
  /** 30 days after sign-in (docs/product.md §2). */
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  /** 14 days after the session was last used; moved forward as it is used (migration 0009). */
  idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
});

export const loginFailures = pgTable('login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
});

export const ecosystems = pgTable('ecosystems', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  createdBy: uuid('created_by').notNull(),
  /** Minutes before a record's start that reminders go out (docs/product.md §13.1, migration 0011). */
  reminderMinutesBefore: integer('reminder_minutes_before').array().notNull().default([1440, 60]),
  /** The language of mail to people without an account (migration 0013). */
  locale: text('locale').notNull().default('en'),
  ...timestamps,
});

export type Role = 'admin' | 'host' | 'member';

export const memberships = pgTable(
  'memberships',
  {
    ecosystemId: uuid('ecosystem_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<Role>().notNull(),
    /** The host lets others create Zoom records on their Zoom in this ecosystem (docs/product.md §2). */
    zoomForOthers: boolean('zoom_for_others').notNull().default(false),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.ecosystemId, t.userId] })],
);

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked';

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey(),
  ecosystemId: uuid('ecosystem_id').notNull(),
  email: text('email').notNull(),
  role: text('role').$type<Role>().notNull(),
  invitedBy: uuid('invited_by').notNull(),
  status: text('status').$type<InvitationStatus>().notNull().default('pending'),
  ...timestamps,
  respondedAt: timestamp('responded_at', { withTimezone: true }),
});

/** All others' Zoom records on one host's Zoom per UTC day (migration 0009). */
export const zoomRecordsForHost = pgTable(
  'zoom_records_for_host',
  {
    hostUserId: uuid('host_user_id').notNull(),
    utcDay: text('utc_day').notNull(),
    creates: integer('creates').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostUserId, t.utcDay] })],
);

export const zoomRecordsByOthers = pgTable(
  'zoom_records_by_others',
  {
    hostUserId: uuid('host_user_id').notNull(),
    creatorUserId: uuid('creator_user_id').notNull(),
    utcDay: text('utc_day').notNull(),
    creates: integer('creates').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostUserId, t.creatorUserId, t.utcDay] })],
);

export type MeetingKind = 'booking' | 'mentorship' | 'event';
export type LocationType = 'zoom' | 'in_person' | 'link';
export type MeetingStatus = 'requested' | 'scheduled' | 'declined' | 'expired' | 'cancelled';
export type ZoomStatus =
  | 'not_applicable'
  | 'pending'
  | 'created'
  | 'waiting_for_reconnect'
  | 'waiting_for_daily_limit'
  | 'failed'
  | 'deleting'
  | 'deleted'
  | 'orphaned';

export const meetings = pgTable('meetings', {
  id: uuid('id').primaryKey(),
  ecosystemId: uuid('ecosystem_id').notNull(),
  kind: text('kind').$type<MeetingKind>().notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  startAt: timestamp('start_at', { withTimezone: true }).notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  timezone: text('timezone').notNull(),
  hostUserId: uuid('host_user_id').notNull(),
  createdBy: uuid('created_by').notNull(),
  locationType: text('location_type').$type<LocationType>().notNull(),
  locationAddress: text('location_address'),
  locationUrl: text('location_url'),
  status: text('status').$type<MeetingStatus>().notNull().default('scheduled'),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  /** The reason given when declining or cancelling (migration 0011). */
  statusReason: text('status_reason'),
  /** A `requested` booking not answered by then expires (migration 0011). */
  requestExpiresAt: timestamp('request_expires_at', { withTimezone: true }),
  /** An event's seats; null, no limit (migration 0012). */
  capacity: integer('capacity'),
  /** No registration after it; null, the event's start (migration 0012). */
  registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
  sequence: integer('sequence').notNull().default(0),
  zoomStatus: text('zoom_status').$type<ZoomStatus>().notNull().default('not_applicable'),
  zoomDetail: text('zoom_detail'),
  zoomRetryAt: timestamp('zoom_retry_at', { withTimezone: true }),
  invitationsSentSequence: integer('invitations_sent_sequence'),
  ...timestamps,
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const attendees = pgTable('attendees', {
  id: uuid('id').primaryKey(),
  meetingId: uuid('meeting_id').notNull(),
  ecosystemId: uuid('ecosystem_id').notNull(),
  email: text('email').notNull(),
  name: text('name').notNull().default(''),
  kind: text('kind').$type<'attendee' | 'registrant'>().notNull(),
  /** A registrant with a seat, or waiting at `position` (1 first) for one (migration 0012). */
  status: text('status').$type<RegistrationStatus>().notNull().default('registered'),
  position: integer('position'),
  ...timestamps,
});

export type RegistrationStatus = 'registered' | 'waitlisted';

export const mailMessages = pgTable('mail_messages', {
  id: uuid('id').primaryKey(),
  ecosystemId: uuid('ecosystem_id'),
  meetingId: uuid('meeting_id'),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  htmlBody: text('html_body').notNull(),
  ics: text('ics'),
  status: text('status').$type<'queued' | 'sent' | 'stored'>().notNull().default('queued'),
  ...timestamps,
  sentAt: timestamp('sent_at', { withTimezone: true }),
});

export type ZoomConnectionStatus = 'connected' | 'needs_reconnect' | 'deauthorized';

export const zoomConnections = pgTable('zoom_connections', {
  userId: uuid('user_id').primaryKey(),
  status: text('status').$type<ZoomConnectionStatus>().notNull(),
  zoomUserId: text('zoom_user_id'),
  zoomAccountId: text('zoom_account_id'),
  zoomEmail: text('zoom_email'),
  planType: integer('plan_type'),
  scopes: text('scopes').notNull().default(''),
  accessTokenSealed: text('access_token_sealed'),
  refreshTokenSealed: text('refresh_token_sealed'),
  accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
  tokenGeneration: integer('token_generation').notNull().default(0),
  connectedAt: timestamp('connected_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const zoomOauthStates = pgTable('zoom_oauth_states', {
  stateHash: text('state_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  sessionId: text('session_id').notNull(),
  codeVerifierSealed: text('code_verifier_sealed').notNull(),
  returnTo: text('return_to'),
  ...timestamps,
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const zoomWebhookReceipts = pgTable('zoom_webhook_receipts', {
  deliveryHash: text('delivery_hash').primaryKey(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});

export const zoomDeauthorizations = pgTable('zoom_deauthorizations', {
  id: uuid('id').primaryKey(),
  zoomUserRef: text('zoom_user_ref').notNull(),
  zoomUserId: text('zoom_user_id'),
  zoomAccountId: text('zoom_account_id'),
  eventPayload: jsonb('event_payload').$type<Record<string, unknown>>(),
  deauthorizedAt: timestamp('deauthorized_at', { withTimezone: true }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
  noticeStatus: text('notice_status').$type<'pending' | 'sent' | 'skipped' | 'endpoint_gone'>().notNull(),
  noticeAttempts: integer('notice_attempts').notNull().default(0),
  noticeLastError: text('notice_last_error'),
  noticeSentAt: timestamp('notice_sent_at', { withTimezone: true }),
  alertedAt: timestamp('alerted_at', { withTimezone: true }),
  affectedUsers: integer('affected_users').notNull().default(0),
});

export type ProviderMeetingState = 'creating' | 'live' | 'deleting' | 'deleted' | 'orphaned' | 'ambiguous' | 'failed';

export const providerMeetings = pgTable('provider_meetings', {
  id: uuid('id').primaryKey(),
  meetingId: uuid('meeting_id').notNull(),
  ecosystemId: uuid('ecosystem_id').notNull(),
  hostUserId: uuid('host_user_id').notNull(),
  accountRef: text('account_ref').notNull(),
  state: text('state').$type<ProviderMeetingState>().notNull(),
  externalId: text('external_id'),
  externalUuid: text('external_uuid'),
  joinUrl: text('join_url'),
  passcode: text('passcode'),
  lastError: text('last_error'),
  /** The schedule the meeting was created with (a reschedule changes the record's). */
  startsAt: timestamp('starts_at', { withTimezone: true }),
  durationMinutes: integer('duration_minutes'),
  /** Not before this may the delete be tried again (Retry-After, or after a running meeting ends). */
  retryAt: timestamp('retry_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** The next free create slot per provider account (migration 0008, issue 12). */
export const providerCreateSlots = pgTable('provider_create_slots', {
  paceKey: text('pace_key').primaryKey(),
  nextAt: timestamp('next_at', { withTimezone: true }).notNull(),
});

export const providerDailyCreates = pgTable(
  'provider_daily_creates',
  {
    accountRef: text('account_ref').notNull(),
    utcDay: text('utc_day').notNull(),
    creates: integer('creates').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountRef, t.utcDay] })],
);

/** One sign-up attempt awaiting its emailed link (src/auth/signupConfirmations.ts, migration 0006). */
export const signupConfirmations = pgTable('signup_confirmations', {
  tokenHash: text('token_hash').primaryKey(),
  email: text('email').notNull(),
  /** The name typed at sign-up: the confirmation page's pre-filled, editable suggestion. */
  name: text('name').notNull(),
  /** The language of the sign-up request: its mail's, then the account's (migration 0013). */
  locale: text('locale').notNull().default('en'),
  /** The zone the sign-up page reported, when valid: the account's own (migration 0013). */
  timezone: text('timezone'),
  ...timestamps,
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** A mailed one-time password-reset link (src/auth/passwordReset.ts, migration 0009). */
export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  ...timestamps,
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** The mail gate's counters (src/mail/mailGate.ts, migration 0009). */
export const mailQuota = pgTable('mail_quota', {
  key: text('key').primaryKey(),
  windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
  mails: integer('mails').notNull(),
  mailLimit: integer('mail_limit').notNull(),
});

/** A reminder whose mails were queued (src/meetings/reminders.ts, migration 0011). */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    meetingId: uuid('meeting_id').notNull(),
    ecosystemId: uuid('ecosystem_id').notNull(),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    minutesBefore: integer('minutes_before').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.startAt, t.minutesBefore] })],
);

export type RespondAction = 'decline' | 'cancel' | 'unregister';

/** A mailed personal link (src/meetings/respondLinks.ts, migration 0011): only the token's hash. */
export const respondLinks = pgTable('respond_links', {
  tokenHash: text('token_hash').primaryKey(),
  meetingId: uuid('meeting_id').notNull(),
  ecosystemId: uuid('ecosystem_id').notNull(),
  email: text('email').notNull(),
  action: text('action').$type<RespondAction>().notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  ...timestamps,
});

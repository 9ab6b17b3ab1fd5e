/**
 * The port through which meeting records get an online meeting from a provider (Zoom is the only
 * one). meetings/ defines it and never imports an implementation; src/worker.ts plugs one in.
 * Provider failures arrive as ProviderError with a provider-neutral `kind`, so the provisioning
 * logic here decides retries without knowing Zoom's codes.
 */
import type { Queries } from '../db/client.ts';

export type HostReadiness =
  /** `lengthLimit`: the host's plan cuts meetings short (see MeetingLengthLimit). */
  | {
      ok: true;
      accountRef: string;
      paceKey?: string | undefined;
      lengthLimit?: MeetingLengthLimit | undefined;
      /** What the provider read to answer (e.g. the sealed token), handed back with a create that follows at once. */
      prepared?: unknown;
    }
  | { ok: false; code: string; message: string };

export interface ProviderMeetingRequest {
  title: string;
  description: string;
  startAt: Date;
  durationMinutes: number;
  timezone: string;
  /** `HostReadiness.prepared` from the check in the same claim, when there was one. */
  prepared?: unknown;
  /** Pacing (see `createsPerSecond`): the account's key, and the slot to send no earlier than. */
  pace?: { key: string; notBefore: Date | undefined } | undefined;
}

export interface ProvidedMeeting {
  externalId: string;
  externalUuid: string;
  joinUrl: string;
  passcode: string;
  /** The provider account that created it (for Zoom: the Zoom user id). */
  accountRef: string;
}

export type ProviderErrorKind =
  /** The host's connection is missing, needs reconnect, or was deauthorized: wait for a reconnect. */
  | 'not_connected'
  /** Rate limited until `retryAt` (`daily` when it is the per-day cap). */
  | 'rate_limited'
  /** Temporary: retry with backoff. `maybeApplied` when the call may have taken effect. */
  | 'transient'
  /** Delete refused because the meeting is running now: try again after it ends. */
  | 'in_progress'
  /** Will not work by retrying (missing scope, refused): tell the host. */
  | 'permanent';

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly retryAt: Date | undefined;
  readonly daily: boolean;
  readonly maybeApplied: boolean;
  constructor(
    kind: ProviderErrorKind,
    message: string,
    details: { retryAt?: Date; daily?: boolean; maybeApplied?: boolean; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.retryAt = details.retryAt;
    this.daily = details.daily ?? false;
    this.maybeApplied = details.maybeApplied ?? false;
  }
}

/** A host's plan ends every meeting after `maxMinutes` (Zoom Basic: 40, docs/zoom-facts.md §10.2). */
export interface MeetingLengthLimit {
  maxMinutes: number;
  /** The plan's name as the provider calls it, for the warning ("Basic"). */
  plan: string;
}

export interface MeetingProvider {
  /** Whether the host can have provider meetings created now (e.g. has a Zoom connection). */
  checkHost(db: Queries, hostUserId: string): Promise<HostReadiness>;
  /** Creates work per account per UTC day the provider allows (Zoom: 100). */
  readonly dailyCreateLimit: number;
  /**
   * Creates to send per second per `paceKey` (the account whose per-second limit they share);
   * 0: not paced (a per-second refusal is then retried after its Retry-After).
   */
  readonly createsPerSecond: number;
  /** Hosts (of those given) whose plan cuts meetings short; hosts without a limit are absent. */
  meetingLengthLimits(db: Queries, hostUserIds: string[]): Promise<Map<string, MeetingLengthLimit>>;
  /** Creates a meeting on the host's account. */
  createMeeting(hostUserId: string, request: ProviderMeetingRequest): Promise<ProvidedMeeting>;
  /**
   * Deletes a meeting created by `accountRef`, through whichever app user is connected to that
   * account now. Resolves `already_gone` when the provider no longer has it.
   */
  deleteMeeting(accountRef: string, externalId: string): Promise<'deleted' | 'already_gone'>;
}

/** Used until an integration is configured: no host can host a `zoom` meeting. */
export const noMeetingProvider: MeetingProvider = {
  dailyCreateLimit: 0,
  createsPerSecond: 0,
  async checkHost() {
    return {
      ok: false,
      code: 'zoom_not_connected',
      message: 'The host has not connected Zoom. Connect Zoom on Lets Meet → Manage, or choose another location.',
    };
  },
  async meetingLengthLimits() {
    return new Map();
  },
  async createMeeting() {
    throw new ProviderError('not_connected', 'no meeting provider is configured');
  },
  async deleteMeeting() {
    throw new ProviderError('not_connected', 'no meeting provider is configured');
  },
};

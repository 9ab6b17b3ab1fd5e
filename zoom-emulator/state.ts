/**
 * Everything the emulator remembers, in memory. One live token pair per Zoom user (docs/zoom-facts.md
 * §1.5: a new grant or refresh kills the previous pair).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

export type PlanTier = 'free' | 'pro' | 'business';

export interface EmulatedUser {
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  /** 1 Basic, 2 Licensed (docs/zoom-facts.md §3). */
  type: number;
  /** Granted scopes, as the token endpoint returns them. */
  scopes: string[];
  /** Account plan for per-second limits (§6.2). */
  plan: PlanTier;
  timezone: string;
  pmi: number;
  /** Whether the app is installed for this user (false after revoke / Marketplace remove). */
  installed: boolean;
}

export interface TokenPair {
  userId: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
  /** Short, non-secret id of the pair for the call log (never the token itself). */
  tokenId: string;
  scopes: string[];
}

export interface AuthorizationCode {
  code: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain' | undefined;
  state: string | undefined;
  expiresAt: Date;
  used: boolean;
}

export interface EmulatedMeeting {
  id: number;
  uuid: string;
  hostId: string;
  hostEmail: string;
  topic: string;
  type: number;
  startTime: string | undefined;
  duration: number | undefined;
  /**
   * When the meeting ends (ISO, seconds): start + duration, or start + 40 minutes for a Basic
   * host when the duration is longer (§10.2). Undefined without a start time.
   */
  endsAt: string | undefined;
  /** Whether a Basic host's 40-minute limit cuts the meeting short of its duration (§10.2). */
  cutAt40: boolean;
  timezone: string | undefined;
  agenda: string;
  password: string;
  settings: Record<string, unknown>;
  createdAt: string;
  deletedAt: string | undefined;
}

export interface CallLogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  status: number;
  operation: string;
  userId?: string;
  tokenId?: string;
  fault?: string;
  /** For authorization-code grants: how PKCE was checked (`S256-ok`, `plain-ok`, `none`, `failed`). */
  pkce?: string;
  /** For authorize requests: the state echoed back (not a secret). */
  state?: string;
  meetingId?: string;
  /** Why a request that named a real token was refused (e.g. revoke with an expired access token). */
  refused?: string;
}

export interface ComplianceNotice {
  at: string;
  body: Record<string, unknown>;
}

export const tokenIdOf = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 12);

export function newUserId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

/** 11-digit meeting ids, as Zoom issues for scheduled meetings (docs/zoom-facts.md §4.1). */
export function newMeetingId(taken: Map<number, unknown>): number {
  for (;;) {
    const id = randomInt(80_000_000_000, 99_999_999_999);
    if (!taken.has(id)) return id;
  }
}

/** Base64 uuid like Zoom's (e.g. `aDYlohsHRtCd4ii1uC2+hA==`), sometimes with `/` or `+`. */
export const newMeetingUuid = () => randomBytes(16).toString('base64');

export class EmulatorState {
  users = new Map<string, EmulatedUser>();
  pairs = new Map<string, TokenPair>(); // by userId
  codes = new Map<string, AuthorizationCode>();
  meetings = new Map<number, EmulatedMeeting>();
  calls: CallLogEntry[] = [];
  compliance: ComplianceNotice[] = [];
  /** creates per `${userId}|${utcDay}` */
  dailyCreates = new Map<string, number>();
  #seq = 0;

  log(entry: Omit<CallLogEntry, 'seq'>): CallLogEntry {
    const full = { seq: ++this.#seq, ...entry };
    this.calls.push(full);
    if (this.calls.length > 50_000) this.calls.splice(0, 10_000);
    return full;
  }

  pairByAccessToken(token: string): TokenPair | undefined {
    for (const pair of this.pairs.values()) if (pair.accessToken === token) return pair;
    return undefined;
  }

  pairByRefreshToken(token: string): TokenPair | undefined {
    for (const pair of this.pairs.values()) if (pair.refreshToken === token) return pair;
    return undefined;
  }

  userByEmail(email: string): EmulatedUser | undefined {
    const wanted = email.trim().toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  clear(): void {
    this.users.clear();
    this.pairs.clear();
    this.codes.clear();
    this.meetings.clear();
    this.calls = [];
    this.compliance = [];
    this.dailyCreates.clear();
  }
}

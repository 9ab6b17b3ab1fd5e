/** Emulated Zoom users (docs/zoom-facts.md §3). */
import { randomBytes, randomInt } from 'node:crypto';
import type { Emulator } from './context.ts';
import { newUserId, type EmulatedUser, type PlanTier } from './state.ts';

export const ALL_SCOPES = ['meeting:write:meeting', 'meeting:delete:meeting', 'user:read:user'];

export interface NewUser {
  email: string;
  type?: number;
  scopes?: string[];
  accountId?: string;
  plan?: PlanTier;
  firstName?: string;
  lastName?: string;
  timezone?: string;
  id?: string;
}

export function createUser(emu: Emulator, input: NewUser): EmulatedUser {
  const type = input.type ?? 2;
  const [local = 'user'] = input.email.split('@');
  const user: EmulatedUser = {
    id: input.id ?? newUserId(),
    accountId: input.accountId ?? randomBytes(16).toString('base64url').slice(0, 22),
    email: input.email.trim(),
    firstName: input.firstName ?? local.charAt(0).toUpperCase() + local.slice(1),
    lastName: input.lastName ?? 'Emulated',
    type,
    scopes: input.scopes ?? [...ALL_SCOPES],
    plan: input.plan ?? (type === 1 ? 'free' : 'pro'),
    timezone: input.timezone ?? 'Europe/Helsinki',
    pmi: randomInt(1_000_000_000, 9_999_999_999),
    installed: false,
  };
  emu.state.users.set(user.id, user);
  return user;
}

/** GET /v2/users/me body: the documented fields (§3). */
export function userResource(user: EmulatedUser, createdAt: string) {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    display_name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    type: user.type,
    role_name: 'Member',
    pmi: user.pmi,
    use_pmi: false,
    personal_meeting_url: `https://zoom.emulator.invalid/j/${user.pmi}`,
    timezone: user.timezone,
    verified: 1,
    dept: '',
    created_at: createdAt,
    user_created_at: createdAt,
    last_login_time: createdAt,
    last_client_version: '6.0.0 (emulated)',
    pic_url: '',
    language: 'en-US',
    phone_number: '',
    status: 'active',
    role_id: '2',
    account_id: user.accountId,
    account_number: 10000000 + (user.pmi % 89999999),
    cluster: 'us01',
    login_types: [100],
    group_ids: [],
    im_group_ids: [],
  };
}

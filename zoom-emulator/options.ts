/**
 * The emulator's switches: defaults (strict, as Zoom answers), and the subset that can change at
 * runtime (`control.setOptions`, `POST /_emulator/options`). Credentials (client id and secret,
 * webhook secret) are fixed at start; the webhook URL has its own control (`setWebhookUrl`).
 */
import { z } from 'zod';
import type { Emulator, EmulatorOptions } from './context.ts';
import type { PerSecondLimits } from './rateLimits.ts';

export type Credentials = 'clientId' | 'clientSecret' | 'webhookSecret';

/** Everything `setOptions` can change; `reset()` puts back what the emulator started with. */
export type RuntimeOptions = Omit<EmulatorOptions, Credentials> & { perSecondLimits: PerSecondLimits };

export const DEFAULT_SWITCHES: Omit<EmulatorOptions, Credentials> = {
  redirectUris: ['http://localhost:3000/integrations/zoom/callback'],
  accessTokenTtlSeconds: 3600,
  refreshTokenTtlSeconds: 90 * 24 * 3600,
  dailyMeetingCreateLimit: 100,
  deleteCountsAgainstDailyLimit: false,
  revokeUnknownToken: 'error',
  timezoneCheck: 'zoom_list',
  dailyLimitAnswer: 'observed',
  revokeAcceptsExpiredAccessToken: false,
  revokeAcceptsRefreshToken: false,
  revokeWebhookDelayMs: 0,
};

const level = z.strictObject({
  light: z.number().int().min(1),
  medium: z.number().int().min(1),
  heavy: z.number().int().min(1),
});

/** A partial set of runtime options; unknown keys (credentials included) are refused. */
export const runtimeOptionsSchema = z
  .strictObject({
    redirectUris: z.array(z.string().url()).min(1),
    accessTokenTtlSeconds: z.number().int().min(1),
    refreshTokenTtlSeconds: z.number().int().min(1),
    dailyMeetingCreateLimit: z.number().int().min(0),
    deleteCountsAgainstDailyLimit: z.boolean(),
    revokeUnknownToken: z.enum(['error', 'success']),
    timezoneCheck: z.enum(['zoom_list', 'lenient']),
    dailyLimitAnswer: z.enum(['observed', 'documented']),
    revokeAcceptsExpiredAccessToken: z.boolean(),
    revokeAcceptsRefreshToken: z.boolean(),
    revokeWebhookDelayMs: z.union([z.number().int().min(0).max(600_000), z.literal('before_answer')]),
    perSecondLimits: z.strictObject({ free: level, pro: level, business: level }).partial(),
  })
  .partial();

/** What `setOptions` takes: any subset; `perSecondLimits` by plan, merged into the current ones. */
export type OptionsPatch = Partial<Omit<RuntimeOptions, 'perSecondLimits'>> & {
  perSecondLimits?: Partial<PerSecondLimits>;
};

/** Checks a partial set of runtime options; throws with every problem named. */
export function checkRuntimeOptions(input: unknown): OptionsPatch {
  const result = runtimeOptionsSchema.safeParse(input);
  if (!result.success)
    throw new Error(result.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; '));
  return result.data as OptionsPatch;
}

/** The current runtime options (no credentials), as `GET /_emulator/options` shows them. */
export function currentOptions(emu: Emulator): RuntimeOptions {
  const { clientId: _id, clientSecret: _secret, webhookSecret: _webhook, ...rest } = emu.options;
  return structuredClone({ ...rest, perSecondLimits: emu.limiter.limits });
}

/** Applies a checked patch; returns the options now in force. */
export function applyOptions(emu: Emulator, input: unknown): RuntimeOptions {
  const { perSecondLimits, ...rest } = checkRuntimeOptions(input);
  Object.assign(emu.options, structuredClone(rest));
  if (perSecondLimits) emu.limiter.reset({ ...emu.limiter.limits, ...perSecondLimits });
  return currentOptions(emu);
}

/**
 * The control API under /_emulator/ (not part of Zoom; documented in docs/zoom-emulator.md):
 * users, meetings, overlapping meetings, the call log, faults, token expiry, latency, the clock, deauthorization,
 * webhooks, limits, options (the switches), reset. JSON in, JSON out; bad input answers 400 with a message.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Emulator } from './context.ts';
import { FAULT_KINDS } from './faults.ts';
import { uninstall } from './oauthRoutes.ts';
import { applyOptions, currentOptions } from './options.ts';
import { findOverlaps } from './overlaps.ts';
import { createUser } from './users.ts';
import { randomBytes } from 'node:crypto';
import { urlValidationAnswer } from './urlValidation.ts';

const newUserSchema = z.strictObject({
  email: z.string().email(),
  type: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
  accountId: z.string().min(1).optional(),
  plan: z.enum(['free', 'pro', 'business']).optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  timezone: z.string().optional(),
  id: z.string().min(1).optional(),
});

const faultSchema = z.strictObject({
  operation: z.string().min(1),
  kind: z.enum(FAULT_KINDS as [string, ...string[]]),
  status: z.number().int().min(100).max(599).optional(),
  html: z.boolean().optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  daily: z.boolean().optional(),
  shape: z.enum(['observed', 'documented']).optional(),
  count: z.number().int().min(1).optional(),
  rate: z.number().min(0).max(1).optional(),
});

const clockSchema = z.union([
  z.strictObject({ advanceSeconds: z.number() }),
  z.strictObject({ set: z.string().datetime({ offset: true }) }),
]);

async function parse<T>(c: Context, schema: z.ZodType<T>): Promise<T | Response> {
  let body: unknown;
  try {
    body = JSON.parse((await c.req.text()) || '{}');
  } catch {
    return c.json({ error: 'body must be JSON' }, 400);
  }
  const result = schema.safeParse(body);
  if (!result.success)
    return c.json({ error: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }, 400);
  return result.data;
}

const publicUser = (u: import('./state.ts').EmulatedUser) => ({ ...u });

export function controlRoutes(emu: Emulator, reset: () => void) {
  const routes = new Hono();

  routes.get('/_emulator', (c) =>
    c.json({
      url: emu.baseUrl(),
      clientId: emu.options.clientId,
      now: emu.clock.now().toISOString(),
      webhookUrl: emu.webhooks.url ?? null,
    }),
  );

  routes.post('/_emulator/users', async (c) => {
    const input = await parse(c, newUserSchema);
    if (input instanceof Response) return input;
    if (emu.state.userByEmail(input.email)) return c.json({ error: `a user with ${input.email} exists` }, 409);
    return c.json(publicUser(createUser(emu, input)), 201);
  });

  routes.get('/_emulator/users', (c) => c.json({ items: [...emu.state.users.values()].map(publicUser) }));

  routes.get('/_emulator/meetings', (c) => {
    const include = c.req.query('include') ?? 'live';
    const items = [...emu.state.meetings.values()].filter((m) =>
      include === 'all' ? true : include === 'deleted' ? Boolean(m.deletedAt) : !m.deletedAt,
    );
    return c.json({ items });
  });

  // Zoom never refuses them; tests read this to show the app leaves none (docs/zoom-facts.md §10.7).
  routes.get('/_emulator/overlaps', (c) => c.json({ items: findOverlaps(emu.state) }));

  routes.get('/_emulator/calls', (c) => {
    const operation = c.req.query('operation');
    const since = Number(c.req.query('since') ?? 0);
    return c.json({ items: emu.state.calls.filter((e) => (!operation || e.operation === operation) && e.seq > since) });
  });
  routes.delete('/_emulator/calls', (c) => {
    emu.state.calls = [];
    return c.body(null, 204);
  });

  routes.get('/_emulator/faults', (c) => c.json({ items: emu.faults.list() }));
  routes.post('/_emulator/faults', async (c) => {
    const input = await parse(c, faultSchema);
    if (input instanceof Response) return input;
    return c.json(emu.faults.add(input as Parameters<typeof emu.faults.add>[0]), 201);
  });
  routes.delete('/_emulator/faults', (c) => {
    emu.faults.clear();
    return c.body(null, 204);
  });

  routes.post('/_emulator/users/:id/expire-token', (c) => {
    const pair = emu.state.pairs.get(c.req.param('id'));
    if (!pair) return c.json({ error: 'no live token for that user' }, 404);
    pair.accessExpiresAt = new Date(emu.clock.now().getTime() - 1000);
    return c.json({ expired: true });
  });

  routes.post('/_emulator/users/:id/deauthorize', async (c) => {
    const user = emu.state.users.get(c.req.param('id'));
    if (!user) return c.json({ error: 'no such user' }, 404);
    uninstall(emu, user);
    await emu.webhooks.settle();
    return c.json({ deauthorized: true, deliveries: emu.webhooks.deliveries.slice(-1) });
  });

  routes.post('/_emulator/latency', async (c) => {
    const input = await parse(c, z.strictObject({ ms: z.number().int().min(0).max(60_000) }));
    if (input instanceof Response) return input;
    emu.latencyMs = input.ms;
    return c.json({ latencyMs: emu.latencyMs });
  });

  routes.get('/_emulator/clock', (c) => c.json({ now: emu.clock.now().toISOString() }));
  routes.post('/_emulator/clock', async (c) => {
    const input = await parse(c, clockSchema);
    if (input instanceof Response) return input;
    if ('advanceSeconds' in input) emu.clock.advance(input.advanceSeconds * 1000);
    else emu.clock.set(new Date(input.set));
    await emu.webhooks.runDue();
    return c.json({ now: emu.clock.now().toISOString() });
  });

  routes.get('/_emulator/webhooks', (c) => c.json({ url: emu.webhooks.url ?? null, items: emu.webhooks.deliveries }));
  routes.put('/_emulator/webhooks/url', async (c) => {
    const input = await parse(c, z.strictObject({ url: z.string().url() }));
    if (input instanceof Response) return input;
    emu.webhooks.url = input.url;
    return c.json({ url: input.url });
  });
  routes.post('/_emulator/webhooks/settle', async (c) => {
    await emu.webhooks.runDue();
    return c.json({ items: emu.webhooks.deliveries });
  });
  routes.post('/_emulator/webhooks/validate', async (c) => {
    if (!emu.webhooks.url) return c.json({ error: 'no webhook URL is set' }, 409);
    const plainToken = randomBytes(16).toString('base64url');
    const body = JSON.stringify({
      event: 'endpoint.url_validation',
      payload: { plainToken },
      event_ts: emu.clock.now().getTime(),
    });
    const answer = await emu.webhooks.post(emu.webhooks.url, body);
    return c.json(urlValidationAnswer(emu.webhooks.secret, plainToken, answer));
  });

  routes.get('/_emulator/in-transit', (c) => c.json(Object.fromEntries([...emu.inTransit].filter(([, n]) => n > 0))));

  routes.get('/_emulator/compliance', (c) => c.json({ items: emu.state.compliance }));

  routes.post('/_emulator/limits', async (c) => {
    const level = z.object({
      light: z.number().int().min(1),
      medium: z.number().int().min(1),
      heavy: z.number().int().min(1),
    });
    const input = await parse(
      c,
      z.strictObject({
        perSecond: z.object({ free: level, pro: level, business: level }).partial().optional(),
        dailyMeetingCreateLimit: z.number().int().min(0).optional(),
      }),
    );
    if (input instanceof Response) return input;
    if (input.perSecond) emu.limiter.reset({ ...emu.limiter.limits, ...input.perSecond });
    if (input.dailyMeetingCreateLimit !== undefined)
      emu.options.dailyMeetingCreateLimit = input.dailyMeetingCreateLimit;
    return c.json({ perSecond: emu.limiter.limits, dailyMeetingCreateLimit: emu.options.dailyMeetingCreateLimit });
  });

  routes.get('/_emulator/options', (c) => c.json(currentOptions(emu)));
  routes.post('/_emulator/options', async (c) => {
    let body: unknown;
    try {
      body = JSON.parse((await c.req.text()) || '{}');
    } catch {
      return c.json({ error: 'body must be JSON' }, 400);
    }
    try {
      return c.json(applyOptions(emu, body));
    } catch (error) {
      return c.json({ error: (error as Error).message }, 400);
    }
  });

  // Back to the seeded state and the options (and limits) the emulator started with.
  routes.post('/_emulator/reset', (c) => {
    reset();
    return c.json({ reset: true });
  });

  return routes;
}

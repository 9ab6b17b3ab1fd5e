/**
 * The app process (entered through src/main.ts): config → dependencies (src/ops/runtime.ts) → roles (docs/product.md §8, §11).
 * `ROLE=web` serves HTTP, `ROLE=worker` runs jobs, `all` (default) does both.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { buildRuntime } from './ops/runtime.ts';
import { DEMO_PASSWORD, DEMO_USERS, demoAllowed, disableDemoLogins, seedDemo } from './ops/seedDemo.ts';
import { reconcileZoomWorkJob } from './meetings/reconcileZoomWork.ts';

const RECONCILE_EVERY_MS = 5 * 60_000;

async function main() {
  const runtime = await buildRuntime({ startEmulator: true, serving: true });
  const { config, log, deps } = runtime;

  // Demo users have a published password: they exist only in emulator mode on the embedded
  // database (docs/product.md §8), never beside a real Zoom app, whatever the database.
  if (demoAllowed(config)) {
    const seeded = await seedDemo(deps.database.db);
    const lines = [
      '',
      `Ekosistem App is running at ${config.appBaseUrl}`,
      seeded.created ? 'Demo ecosystem created. Sign in as:' : 'Demo users (created on first start):',
      ...DEMO_USERS.map((u) => `  ${u.role.padEnd(6)}  ${u.email}  password: ${DEMO_PASSWORD}`),
      config.smtpUrl ? '' : `Mail is kept locally: ${config.appBaseUrl}/dev/mailbox`,
      runtime.emulatorUrl ? `Zoom emulator (no real Zoom account is used): ${runtime.emulatorUrl}` : '',
      '',
    ];
    process.stdout.write(`${lines.filter((l, i, all) => l || all[i - 1]).join('\n')}\n`);
  } else if (!config.zoom.emulatorMode) {
    const disabled = await disableDemoLogins(deps.database.db);
    if (disabled.length)
      log.warn(
        { users: disabled },
        'demo users found outside emulator mode: their published password no longer signs in',
      );
  }

  let server: ReturnType<typeof serve> | undefined;
  if (config.role !== 'worker') {
    const app = createApp(deps);
    server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) =>
      log.info({ port: info.port, host: info.address }, 'listening'),
    );
  }
  let reconcileTimer: NodeJS.Timeout | undefined;
  if (config.role !== 'web') {
    // Reconciliation at start (work a crashed process left) and periodically (docs/product.md §4.7). Several
    // workers enqueueing it is harmless: it is idempotent.
    const reconcile = () =>
      deps.queue
        .enqueue(deps.database.db, reconcileZoomWorkJob, {})
        .catch((error: unknown) => log.warn({ err: error }, 'could not queue reconciliation'));
    void reconcile();
    reconcileTimer = setInterval(reconcile, RECONCILE_EVERY_MS);
    reconcileTimer.unref();
    // A worker does not listen: this line says it is up and running jobs (supervisors, tests).
    if (config.role === 'worker') log.info({ role: config.role }, 'worker running');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    clearInterval(reconcileTimer);
    server?.close();
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

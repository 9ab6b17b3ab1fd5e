/**
 * Builds the process's dependencies from the environment, shared by `src/main.ts` and the CLI
 * commands: config → logger → database (migrated) → token vault → Zoom (real, or the emulator in
 * emulator mode) → job queue with the full registry.
 */
import { ConfigError, assertServable, parseConfig, type Config, type Role } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createJobQueue } from '../jobs/jobQueue.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createTokenVault } from '../integrations/zoom/tokenVault.ts';
import { resolveVaultKeys } from '../integrations/zoom/vaultKeys.ts';
import { createZoomIntegration } from '../integrations/zoom/zoomIntegration.ts';
import { createZoomServices } from '../integrations/zoom/zoomServices.ts';
import { buildJobRegistry } from '../worker.ts';
import { createMailTransport } from '../mail/mailTransport.ts';
import { withJobDeps, type AppDeps } from '../appDeps.ts';
import type { startZoomEmulator } from '../../zoom-emulator/startZoomEmulator.ts';

export const EMULATOR_PORT_DEFAULT = 4010;

export interface Runtime {
  config: Config;
  log: Logger;
  deps: AppDeps;
  emulatorUrl: string | undefined;
  stop(): Promise<void>;
}

export function loadConfig(options: { serving?: boolean } = {}): Config {
  try {
    process.loadEnvFile();
  } catch {
    // No .env file: the environment alone is the configuration.
  }
  try {
    const config = parseConfig(process.env);
    if (options.serving) assertServable(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/**
 * `startEmulator`: in emulator mode, run the Zoom emulator in this process (npm start). Commands
 * leave it off and talk to the one `npm start` runs, on its fixed port.
 * `serving`: this is the app process (npm start), so the start-up rules of docs/product.md §8 apply too
 * (SMTP_URL outside emulator mode).
 */
export async function buildRuntime(
  options: { role?: Role; quiet?: boolean; startEmulator?: boolean; serving?: boolean } = {},
): Promise<Runtime> {
  const config = loadConfig({ serving: options.serving ?? false });
  const role = options.role ?? config.role;
  const log = createLogger({ level: options.quiet ? 'warn' : config.logLevel });
  const database = await openDatabase(config);
  const report = await migrate(database, (message) => log.info(message));
  log.info({ applied: report.applied.length, database: database.kind }, 'database ready');
  const vault = createTokenVault(resolveVaultKeys(config, log));

  let emulator: Awaited<ReturnType<typeof startZoomEmulator>> | undefined;
  let zoomSettings: Parameters<typeof createZoomIntegration>[2];
  if (config.zoom.emulatorMode) {
    const emulatorPort = Number(process.env.ZOOM_EMULATOR_PORT ?? EMULATOR_PORT_DEFAULT);
    if (options.startEmulator) {
      // Loaded only in emulator mode: a deployment with a real Zoom app never loads it.
      const { startZoomEmulator } = await import('../../zoom-emulator/startZoomEmulator.ts');
      emulator = await startZoomEmulator({
        port: emulatorPort,
        redirectUris: [`${config.appBaseUrl}/integrations/zoom/callback`],
        webhookUrl: `${config.appBaseUrl}/integrations/zoom/webhook`,
      }).catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
        process.stderr.write(
          `ZOOM_EMULATOR_PORT: port ${emulatorPort} is in use (another instance in emulator mode?). ` +
            'Set ZOOM_EMULATOR_PORT to a free port, or configure a real Zoom app with ZOOM_CLIENT_ID.\n',
        );
        process.exit(78); // EX_CONFIG
      });
    }
    const url = emulator?.url ?? `http://127.0.0.1:${emulatorPort}`;
    zoomSettings = {
      clientId: emulator?.clientId ?? 'emulator-client-id',
      clientSecret: emulator?.clientSecret ?? 'emulator-client-secret',
      webhookSecret: emulator?.webhookSecret ?? 'emulator-webhook-secret',
      oauthBaseUrl: config.zoom.oauthBaseUrl.startsWith('https://zoom.us') ? url : config.zoom.oauthBaseUrl,
      apiBaseUrl: config.zoom.apiBaseUrl.startsWith('https://api.zoom.us') ? url : config.zoom.apiBaseUrl,
    };
  } else {
    zoomSettings = {
      clientId: config.zoom.clientId!,
      clientSecret: config.zoom.clientSecret!,
      webhookSecret: config.zoom.webhookSecretToken!,
      oauthBaseUrl: config.zoom.oauthBaseUrl,
      apiBaseUrl: config.zoom.apiBaseUrl,
    };
  }
  const zoom = createZoomIntegration(config, vault, zoomSettings);
  const queue = createJobQueue(database, log);
  const services = createZoomServices({ db: database.db, queue, log, zoom, appBaseUrl: config.appBaseUrl });
  const deps: AppDeps = withJobDeps({
    config,
    database,
    queue,
    log,
    provider: services.provider,
    zoom,
    onZoomConnected: services.onZoomConnected,
    onZoomDeauthorized: services.onZoomDeauthorized,
  });
  const transport = createMailTransport({ smtpUrl: config.smtpUrl });
  await queue.start([...buildJobRegistry(deps, transport), ...services.jobs], { work: role !== 'web' });
  return {
    config,
    log,
    deps,
    emulatorUrl: emulator?.url,
    async stop() {
      await queue.stop().catch(() => {});
      transport.close();
      await database.close().catch(() => {});
      await emulator?.close().catch(() => {});
    },
  };
}

/**
 * The bench's processes and what it reads about them: the Zoom emulator as its own process (so its
 * CPU is not the app's), app processes (test/helpers/appProcess.ts), a throwaway PostgreSQL
 * database, CPU ticks and RSS from /proc, and commits from pg_stat_database. Everything started
 * here is registered with `cleanup` so a failure or Ctrl-C still stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startAppProcess, type AppProcess } from '../test/helpers/appProcess.ts';

const ROOT = join(import.meta.dirname, '..');

/** Clock ticks per second for /proc/<pid>/stat (`getconf CLK_TCK`; 100 on Linux x86-64). */
export const CLK_TCK = 100;

export const say = (line: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** LIFO cleanup steps, run once (finally, SIGINT, SIGTERM). */
export class Cleanup {
  #steps: { what: string; run: () => Promise<unknown> }[] = [];
  add(what: string, run: () => Promise<unknown>): () => void {
    const step = { what, run };
    this.#steps.push(step);
    return () => void (this.#steps = this.#steps.filter((s) => s !== step));
  }
  async runAll(): Promise<void> {
    while (this.#steps.length) {
      const step = this.#steps.pop()!;
      try {
        await step.run();
      } catch (error) {
        say(`cleanup of ${step.what} failed: ${(error as Error).message}`);
      }
    }
  }
}

/** CPU time (user + system) of a process so far, in milliseconds, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces), counted from field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLK_TCK;
}

/** VmRSS of a process in MB, from /proc/<pid>/status. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export interface ChildHandle {
  child: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

/** Spawns `node <script>` with env and resolves once a stdout line contains `readyText`. */
export function startNodeScript(
  script: string,
  env: Record<string, string>,
  readyText: string,
  timeoutMs = 60_000,
): Promise<ChildHandle> {
  const child = spawn(process.execPath, [join(ROOT, script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not print "${readyText}" within ${timeoutMs} ms:\n${output.join('')}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 200) output.splice(0, 100);
      if (output.join('').includes(readyText)) {
        clearTimeout(timer);
        resolve({ child, output, stop });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before it was ready:\n${output.join('')}`));
    });
  });
}

export interface EmulatorProcess extends ChildHandle {
  url: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
}

/** `zoom-emulator/main.ts` in its own process, with fixed credentials and the app's redirect URI. */
export async function startEmulatorProcess(port: number, redirectUri: string): Promise<EmulatorProcess> {
  const credentials = {
    clientId: 'bench-client',
    clientSecret: `bench-secret-${randomBytes(8).toString('hex')}`,
    webhookSecret: `bench-webhook-${randomBytes(8).toString('hex')}`,
  };
  const handle = await startNodeScript(
    'zoom-emulator/main.ts',
    {
      ZOOM_EMULATOR_PORT: String(port),
      ZOOM_EMULATOR_CLIENT_ID: credentials.clientId,
      ZOOM_EMULATOR_CLIENT_SECRET: credentials.clientSecret,
      ZOOM_EMULATOR_WEBHOOK_SECRET: credentials.webhookSecret,
      ZOOM_EMULATOR_REDIRECT_URIS: redirectUri,
    },
    'Zoom emulator listening at',
  );
  return { ...handle, url: `http://127.0.0.1:${port}`, ...credentials };
}

/** Starts an app process and registers its stop with `cleanup`. */
export async function startApp(
  env: Record<string, string>,
  cleanup: Cleanup,
  name: string,
): Promise<AppProcess & { forget(): void }> {
  // BENCH_APP_ROOT: the app of another checkout (with its own node_modules), to measure two
  // versions of the app against the same baselines.
  const app = await startAppProcess(env, process.env.BENCH_APP_ROOT ? { root: process.env.BENCH_APP_ROOT } : {});
  const forget = cleanup.add(name, () => app.stop());
  let stopping = false;
  app.child.on('exit', (code, signal) => {
    if (!stopping)
      say(
        `${name} (pid ${app.child.pid}) exited unexpectedly (${code ?? signal}); its last output:\n${app.output.slice(-15).join('\n')}`,
      );
  });
  const stop = app.stop.bind(app);
  app.stop = (signal) => {
    stopping = true;
    return stop(signal);
  };
  return Object.assign(app, { forget });
}

/** Stops an app process started with `startApp` (SIGTERM, then SIGKILL after 10 s). */
export async function stopApp(app: AppProcess & { forget(): void }): Promise<void> {
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
  await app.stop();
  clearTimeout(timer);
  app.forget();
}

/** A throwaway PostgreSQL database `bench_<random>` on the server of `adminUrl`. */
export async function createBenchDatabase(adminUrl: string, cleanup: Cleanup): Promise<{ url: string; name: string }> {
  const name = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanup.add(`database ${name}`, async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

/**
 * Commits of one database, read through a connection to the admin database (so the reading adds
 * nothing to the count). Backends flush their counters when idle, at most once a second (PG 15+),
 * so a reading is only complete some seconds after the load has stopped.
 */
export class CommitCounter {
  readonly #client: pg.Client;
  readonly #name: string;
  constructor(adminUrl: string, name: string) {
    this.#client = new pg.Client({ connectionString: adminUrl });
    this.#name = name;
  }
  async open(): Promise<void> {
    await this.#client.connect();
  }
  async read(): Promise<number> {
    const { rows } = await this.#client.query<{ n: string }>(
      'SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = $1',
      [this.#name],
    );
    return Number(rows[0]?.n ?? NaN);
  }
  close(): Promise<void> {
    return this.#client.end();
  }
}

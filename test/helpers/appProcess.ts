/**
 * Starts `src/main.ts` as a real child process (for tests about processes: start-up races,
 * crashes) and resolves once it is listening, with its port. In emulator mode the process runs its
 * own Zoom emulator; `stop()` then fails if that emulator holds overlapping meetings on one host
 * (docs/zoom-facts.md §10.7), as a test app's `close()` does in process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchOverlaps, overlapsError } from './zoomOverlaps.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The Node flags `npm start` runs the app with (package.json's `start` script, between `node`
 * and the entry), so a process started here is the process a user starts.
 */
export function startNodeFlags(root = ROOT): string[] {
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts
    .start;
  const match = /^node\s+(.*?)\s*src\/main\.ts$/.exec(start.trim());
  if (!match) throw new Error(`package.json's start script is not "node [flags] src/main.ts": ${start}`);
  return match[1] ? match[1].split(/\s+/) : [];
}

export interface AppProcess {
  child: ChildProcess;
  port: number;
  output: string[];
  /** In emulator mode (no ZOOM_CLIENT_ID): the URL of the Zoom emulator the process runs. */
  zoomEmulatorUrl: string | undefined;
  /**
   * Signals the process and waits for its exit. In emulator mode it first asks the process's
   * emulator for overlapping meetings, and throws (listing them) once the process has exited.
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** src/ops/runtime.ts's EMULATOR_PORT_DEFAULT (not imported: that would load the app into a bench). */
const EMULATOR_PORT_DEFAULT = 4010;

/** Where an emulator-mode process (config: no ZOOM_CLIENT_ID) runs its Zoom emulator; undefined outside it. */
export function embeddedEmulatorUrl(env: Record<string, string>): string | undefined {
  if (env.ZOOM_CLIENT_ID) return undefined;
  return `http://127.0.0.1:${env.ZOOM_EMULATOR_PORT ?? EMULATOR_PORT_DEFAULT}`;
}

/**
 * The overlaps the process's emulator reports, or undefined when there is no one to ask: not in
 * emulator mode, the process already gone (its emulator with it), or no answer (it is dying).
 */
async function overlapsBeforeStop(child: ChildProcess, emulatorUrl: string | undefined, output: string[]) {
  if (!emulatorUrl || child.exitCode !== null || child.signalCode !== null) return undefined;
  try {
    return await fetchOverlaps(emulatorUrl);
  } catch (error) {
    output.push(`(could not ask the embedded Zoom emulator for overlaps: ${(error as Error).message})`);
    return undefined;
  }
}

/**
 * A `ROLE=worker` process does not listen: it resolves on its "worker running" line, with port 0.
 * `root` runs the app of another checkout (the bench measures two versions side by side).
 */
export function startAppProcess(
  env: Record<string, string>,
  options: { logFile?: string; root?: string } = {},
): Promise<AppProcess> {
  const root = options.root ?? ROOT;
  const worker = env.ROLE === 'worker';
  // Long runs (the chaos soak) append everything to a file and keep only the recent lines here.
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  const keep = (line: string) => {
    output.push(line);
    if (output.length > 5000) output.splice(0, 1000);
  };
  const child = spawn(process.execPath, [...startNodeFlags(root), join(root, 'src', 'main.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        keep(line);
        log?.write(`${line}\n`);
        if (line.includes(worker ? '"msg":"worker running"' : '"msg":"listening"')) {
          const port = worker ? 0 : Number((JSON.parse(line) as { port: number }).port);
          const zoomEmulatorUrl = embeddedEmulatorUrl(env);
          resolve({
            child,
            port,
            output,
            zoomEmulatorUrl,
            async stop(signal = 'SIGTERM') {
              const overlaps = await overlapsBeforeStop(child, zoomEmulatorUrl, output);
              if (child.exitCode === null && child.signalCode === null) child.kill(signal);
              const code = await exited;
              const error = overlapsError(overlaps ?? []);
              if (error) throw error;
              return code;
            },
          });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      keep(chunk.toString());
      log?.write(chunk);
    });
    void exited.then(() => log?.end());
    void exited.then((code) => reject(new Error(`app exited with ${code} before listening:\n${output.join('\n')}`)));
  });
}

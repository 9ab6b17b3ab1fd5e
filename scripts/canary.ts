/**
 * `npm run canary [-- <package>@<version> …]`: tries the newest releases of the database
 * dependencies this project pins exactly (pg, drizzle-orm, pg-boss, @electric-sql/pglite) in a
 * scratch copy of the repository, and runs the type check and the database-facing suites there, on
 * the embedded database and on PostgreSQL. An upgrade is then a decision with evidence; nothing in
 * this checkout changes. Arguments replace a package's version (e.g. `drizzle-orm@1.0.0-rc.5`).
 *
 * Environment: CANARY_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres, where each
 * test file makes its own throwaway database); CANARY_KEEP=1 keeps the scratch copy.
 * Exit code: 0 when every step passed, 1 when one failed, 2 on bad arguments.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const WATCHED = ['pg', 'drizzle-orm', 'pg-boss', '@electric-sql/pglite'];
const databaseUrl = process.env.CANARY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const say = (line: string) => process.stderr.write(`[canary] ${line}\n`);

function wanted(args: string[]): Map<string, string> {
  const versions = new Map(WATCHED.map((name) => [name, 'latest']));
  for (const arg of args) {
    const at = arg.lastIndexOf('@');
    const name = at > 0 ? arg.slice(0, at) : arg;
    if (!WATCHED.includes(name)) {
      process.stderr.write(`canary: ${name} is not one of ${WATCHED.join(', ')}\n`);
      process.exit(2);
    }
    versions.set(name, at > 0 ? arg.slice(at + 1) : 'latest');
  }
  return versions;
}

/** Runs a command in `cwd`, echoing its output's last lines; resolves with its exit code and output. */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The test runner's summary counts, from its output. */
function counts(output: string): string {
  const figure = (name: string) => new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(output)?.[1];
  const [tests, pass, fail, skipped] = ['tests', 'pass', 'fail', 'skipped'].map(figure);
  return tests ? `${tests} tests: ${pass} pass, ${fail} fail, ${skipped} skipped` : '';
}

async function main(): Promise<number> {
  const versions = wanted(process.argv.slice(2));
  const scratch = mkdtempSync(join(tmpdir(), 'ekos-canary-'));
  say(`scratch copy in ${scratch}`);
  // The tracked files of this checkout, as they are in the working tree.
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    try {
      cpSync(join(ROOT, file), join(scratch, file));
    } catch {
      // Deleted in the working tree but not yet committed.
    }
  }
  const pinned = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const steps: { step: string; code: number; detail: string }[] = [];
  const step = async (name: string, command: string, args: string[], env: Record<string, string> = {}) => {
    say(`--- ${name}`);
    const started = performance.now();
    const { code, output } = await run(command, args, scratch, env);
    const seconds = Math.round((performance.now() - started) / 1000);
    steps.push({ step: name, code, detail: `${counts(output)} (${seconds} s)`.trim() });
    return code;
  };
  try {
    if ((await step('npm ci (the lockfile)', 'npm', ['ci', '--no-audit', '--no-fund'])) !== 0) return report(steps, []);
    const specs = [...versions].map(([name, version]) => `${name}@${version}`);
    await step(`npm install ${specs.join(' ')}`, 'npm', [
      'install',
      '--no-audit',
      '--no-fund',
      '--save-exact',
      ...specs,
    ]);
    const installed = WATCHED.map((name) => {
      const version = (
        JSON.parse(readFileSync(join(scratch, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
      ).version;
      return { name, pinned: pinned.dependencies[name] ?? '-', tried: version };
    });
    await step('npm run check', 'npm', ['run', 'check']);
    await step('database suites, embedded (npm run test:db)', 'npm', ['run', 'test:db']);
    await step('database suites, PostgreSQL (npm run test:db)', 'npm', ['run', 'test:db'], {
      TEST_DATABASE_URL: databaseUrl,
    });
    return report(steps, installed);
  } finally {
    if (process.env.CANARY_KEEP === '1') say(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

function report(
  steps: { step: string; code: number; detail: string }[],
  installed: { name: string; pinned: string; tried: string }[],
): number {
  const lines = ['', 'canary: the newest releases against this checkout', ''];
  for (const { name, pinned, tried } of installed) {
    lines.push(`  ${name.padEnd(22)} pinned ${pinned.padEnd(14)} tried ${tried}${pinned === tried ? ' (same)' : ''}`);
  }
  lines.push('');
  for (const { step, code, detail } of steps) lines.push(`  ${code === 0 ? 'pass' : 'FAIL'}  ${step}  ${detail}`);
  const failed = steps.some((s) => s.code !== 0);
  lines.push('', failed ? 'canary: FAILED — do not upgrade before reading the failures above' : 'canary: all passed');
  process.stdout.write(`${lines.join('\n')}\n`);
  return failed ? 1 : 0;
}

process.exitCode = await main();

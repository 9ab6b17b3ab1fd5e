/**
 * `npm run bench`: every row measured as a ratio against a baseline measured in the same
 * run (or against an absolute target), on PostgreSQL and on PGlite (docs/performance.md).
 *
 *   npm run bench -- [--db pg|pglite|both] [--only r1,r3,r5,r6,r7,r8,r9,p2,p3,p4]
 *
 * r1 measures R1 and R2, r3 measures R3 and R4. Environment: BENCH_DATABASE_URL (an admin URL of a
 * PostgreSQL server where a throwaway database is created and dropped; default
 * postgres://postgres@127.0.0.1:5432/postgres), BENCH_OUTAGE_SECONDS (P4's shortened Zoom outage,
 * default 60), BENCH_R1_CREATES, BENCH_R3_BOOKINGS, BENCH_R5_PER_HOST, BENCH_P2_PER_HOST,
 * BENCH_R6_SECONDS, BENCH_R8_RECORDS, BENCH_R8_SECONDS, BENCH_R9_MEMBERS, BENCH_R9_SLOTS,
 * BENCH_P4_DRAIN_CAP_SECONDS.
 *
 * Progress goes to stderr; a one-screen table per database to stdout; JSON to
 * bench/results/<timestamp>-<db>.json. Benchmarks never decide a test's pass/fail: the exit code is
 * 0 whatever the figures are (1 only when the bench itself could not run, or when its load left a
 * host with overlapping meetings at Zoom, row Z1: then it measured what no host can run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Cleanup, say } from './processes.ts';
import { PARTS, SETTINGS, runSuite, type DbKind, type Part, type SuiteResult } from './suite.ts';

const USAGE = 'npm run bench -- [--db pg|pglite|both] [--only r1,r3,r5,r6,r7,r8,r9,p2,p3,p4]';

function parse(): { dbs: DbKind[]; only: Set<Part> } {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { db: { type: 'string', default: 'both' }, only: { type: 'string' } },
  });
  const dbs: DbKind[] =
    values.db === 'both' ? ['pg', 'pglite'] : values.db === 'pg' || values.db === 'pglite' ? [values.db] : [];
  if (!dbs.length) throw new Error(`--db must be pg, pglite or both\n${USAGE}`);
  const names = (values.only ?? PARTS.join(','))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .map((s) => (s === 'r2' ? 'r1' : s === 'r4' ? 'r3' : s));
  for (const name of names)
    if (!PARTS.includes(name as Part))
      throw new Error(`unknown part "${name}" (known: ${PARTS.join(', ')}, r2 = r1, r4 = r3)\n${USAGE}`);
  return { dbs, only: new Set(names as Part[]) };
}

function table(result: SuiteResult, seconds: number): string {
  const header = ['row', 'what', 'measured', 'baseline', 'ratio', 'target', 'met?'];
  const lines = result.rows.map((r) => [r.row, r.what, r.measured, r.baseline, r.ratio, r.target, r.met]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    '',
    `${result.db === 'pg' ? 'PostgreSQL' : 'PGlite (embedded)'} — ${cpus().length} CPU(s) ${cpus()[0]?.model ?? ''}, Node ${process.version}, ${Math.round(seconds)} s`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...lines.map(line),
    ...result.notes.map((n) => `note: ${n}`),
  ].join('\n');
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const cleanup = new Cleanup();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    say(`${signal}: cleaning up`);
    void cleanup.runAll().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = join(import.meta.dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const printed: string[] = [];
  const results: SuiteResult[] = [];
  try {
    for (const db of args.dbs) {
      const dbStarted = performance.now();
      say(`=== ${db}: ${[...args.only].join(', ')} ===`);
      let result: SuiteResult;
      try {
        result = await runSuite(db, args.only, adminUrl, cleanup);
      } finally {
        await cleanup.runAll();
      }
      results.push(result);
      const seconds = (performance.now() - dbStarted) / 1000;
      const file = join(outDir, `${stamp}-${db}.json`);
      writeFileSync(
        file,
        `${JSON.stringify({ db, startedAt: stamp, seconds, machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version }, settings: SETTINGS, rows: result.rows, notes: result.notes, details: result.details }, null, 2)}\n`,
      );
      const text = `${table(result, seconds)}\nJSON: ${file}`;
      printed.push(text);
      process.stdout.write(`${text}\n`);
    }
  } catch (error) {
    say(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup.runAll();
    return 1;
  }
  if (printed.length > 1)
    process.stdout.write(`\n(both tables above; total ${Math.round((performance.now() - started) / 1000)} s)\n`);
  const overlapping = results.filter((r) => r.overlaps > 0);
  for (const r of overlapping)
    say(`${r.db}: ${r.overlaps} overlapping meeting pair(s) on one host at Zoom (row Z1, docs/zoom-facts.md §10.7)`);
  return overlapping.length ? 1 : 0;
}

main().then((code) => process.exit(code));

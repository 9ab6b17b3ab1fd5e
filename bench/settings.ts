/**
 * What the bench's parts share: the rows they report, the sizes they run at (environment
 * overrides), and the small formatting of figures; and the context one run hands to each part.
 */
import type { SmtpSink } from '../test/helpers/smtpSink.ts';
import type { EmulatorClient } from './emulatorClient.ts';
import type { Created } from './load.ts';
import type { BenchHost } from './people.ts';
import type { Cleanup, CommitCounter, startApp } from './processes.ts';

export type DbKind = 'pg' | 'pglite';
export const PARTS = ['r1', 'r3', 'r5', 'r6', 'r7', 'r8', 'r9', 'p2', 'p3', 'p4'] as const;
export type Part = (typeof PARTS)[number];

export interface Row {
  row: string;
  what: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  met: 'yes' | 'NO' | 'n/a' | 'report';
}

export interface SuiteResult {
  db: DbKind;
  rows: Row[];
  details: Record<string, unknown>;
  notes: string[];
  /** Pairs of one host's meetings at Zoom whose times overlap at the end: any fails the run. */
  overlaps: number;
}

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

export const SETTINGS = {
  r1Creates: num('BENCH_R1_CREATES', 60),
  r1LatencyMs: 50,
  r3Bookings: num('BENCH_R3_BOOKINGS', 1000),
  r3Concurrency: 16,
  r5Hosts: 20,
  r5PerHost: num('BENCH_R5_PER_HOST', 100),
  r5Concurrency: 40,
  r6Seconds: num('BENCH_R6_SECONDS', 8),
  r7IdleSeconds: 10,
  /** R8: the slots host's live records (three ecosystems, about five weeks). */
  r8Records: num('BENCH_R8_RECORDS', 500),
  r8Seconds: num('BENCH_R8_SECONDS', 8),
  r8Connections: 10,
  /** R9: members racing for the slots of one host, all at once. */
  r9Members: num('BENCH_R9_MEMBERS', 200),
  r9Slots: num('BENCH_R9_SLOTS', 20),
  p2Hosts: 20,
  p2PerHost: num('BENCH_P2_PER_HOST', 100),
  p2Concurrency: 40,
  /** The Free plan's Medium (create) limit per account and second (docs/zoom-facts.md §6.2). */
  p2PerSecond: { light: 4, medium: 2, heavy: 1 },
  p3Creates: 200,
  p4Cancels: 30,
  p4OutageCancels: 50,
  outageSeconds: num('BENCH_OUTAGE_SECONDS', 60),
  p4DrainCapSeconds: num('BENCH_P4_DRAIN_CAP_SECONDS', 240),
  /** Backends flush commit counters when idle (≤ 1 s, up to 10 s under contention): wait this long after load. */
  statsFlushMs: 11_000,
};

export const HIGH = { light: 100_000, medium: 100_000, heavy: 100_000 };
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const judge = (ok: boolean): Row['met'] => (ok ? 'yes' : 'NO');

type App = Awaited<ReturnType<typeof startApp>>;

/** One run's processes, people and results, handed to each part in turn. */
export interface BenchContext {
  db: DbKind;
  has(part: Part): boolean;
  rows: Row[];
  details: Record<string, unknown>;
  notes: string[];
  emulator: EmulatorClient;
  smtp: SmtpSink;
  /** PostgreSQL only: the database's commit counter. */
  commits: CommitCounter | undefined;
  hosts: BenchHost[];
  /** Owner of every ecosystem. */
  host0: BenchHost;
  /** The ecosystem of R1, R3 and P4's records. */
  ecoR: string;
  /** An access token of the bare baseline's own Zoom user. */
  bareToken: string;
  base: string;
  appPort: number;
  databaseUrl: string | undefined;
  /** The app's environment (the bench's settings; a part may add to it when it restarts the app). */
  envA: Record<string, string>;
  cleanup: Cleanup;
  /** The app process now running (parts restart it). */
  app: App;
  startMain(env: Record<string, string>): Promise<App>;
  /** Records R1 and R3 created, which P4 cancels. */
  r1Records: Created[];
  r3Records: Created[];
}

/**
 * Command line of the chaos soak (`npm run chaos -- …`): how many records, hosts and kills, and the
 * Zoom fault mix as `name=rate` pairs.
 */
import { parseArgs } from 'node:util';

export type FaultName = '5xx' | 'delay' | '429' | 'commit-then-timeout';
export const FAULT_NAMES: FaultName[] = ['5xx', 'delay', '429', 'commit-then-timeout'];

export interface SoakOptions {
  records: number;
  hosts: number;
  kills: number;
  faults: Record<FaultName, number>;
  /** Web processes (1 or 2) behind the soak's load balancer; workers are always 2. */
  webs: number;
  seed: number;
  /** Requests the simulated people keep in flight at once. */
  concurrency: number;
  /** Give up waiting for the system to settle after this many minutes. */
  drainMinutes: number;
  adminUrl: string;
  out: string;
  logDir: string;
}

export const USAGE = `npm run chaos -- [--records 150] [--hosts 5] [--kills 3]
                 [--faults 5xx=0.2,delay=0.1,429=0.05,commit-then-timeout=0.02]
                 [--webs 2] [--seed 1] [--concurrency 6] [--drain-minutes 40]
                 [--database-url postgres://postgres@127.0.0.1:5432/postgres]
                 [--out .tmp/chaos/report.json] [--log-dir .tmp/chaos]`;

export function parseFaults(text: string): Record<FaultName, number> {
  const faults: Record<FaultName, number> = { '5xx': 0, delay: 0, '429': 0, 'commit-then-timeout': 0 };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=');
    if (!FAULT_NAMES.includes(name as FaultName))
      throw new Error(`unknown fault "${name}" (known: ${FAULT_NAMES.join(', ')})`);
    const rate = Number(value);
    if (!(rate >= 0 && rate < 1)) throw new Error(`fault ${name}: rate must be in [0, 1), got "${value}"`);
    faults[name as FaultName] = rate;
  }
  const total = Object.values(faults).reduce((a, b) => a + b, 0);
  if (total >= 1) throw new Error(`fault rates add up to ${total}; they must stay below 1`);
  return faults;
}

export function parseSoakArgs(argv: string[]): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: 'string', default: '150' },
      hosts: { type: 'string', default: '5' },
      kills: { type: 'string', default: '3' },
      faults: { type: 'string', default: '5xx=0.2,delay=0.1,429=0.05,commit-then-timeout=0.02' },
      webs: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '6' },
      'drain-minutes': { type: 'string', default: '40' },
      'database-url': {
        type: 'string',
        default:
          process.env.PG_ADMIN_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      },
      out: { type: 'string', default: '.tmp/chaos/report.json' },
      'log-dir': { type: 'string', default: '.tmp/chaos' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const int = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${text}"`);
    return n;
  };
  const options: SoakOptions = {
    records: int('records', values.records, 10),
    // Host 1 disconnects and reconnects, host 2 is deauthorized; at least one more stays healthy.
    hosts: int('hosts', values.hosts, 3),
    kills: int('kills', values.kills, 0),
    faults: parseFaults(values.faults),
    webs: int('webs', values.webs, 1),
    seed: int('seed', values.seed, 0),
    concurrency: int('concurrency', values.concurrency, 1),
    drainMinutes: int('drain-minutes', values['drain-minutes'], 1),
    adminUrl: values['database-url'],
    out: values.out,
    logDir: values['log-dir'],
  };
  if (options.webs > 2) throw new Error('--webs is 1 or 2');
  return options;
}

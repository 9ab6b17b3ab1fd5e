/**
 * Configuration (docs/product.md §8), parsed once at start-up into a typed object and passed down.
 * Nothing else in the code base reads `process.env`.
 */
import { z } from 'zod';

const keyList = z.string().transform((raw, ctx) => {
  const keys: { id: string; key: Buffer }[] = [];
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    const id = colon > 0 ? part.slice(0, colon) : '';
    const key = Buffer.from(colon > 0 ? part.slice(colon + 1) : '', 'base64');
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'expected kid:base64(32 bytes)[,kid:base64(32 bytes)…]' });
      return z.NEVER;
    }
    keys.push({ id, key });
  }
  if (keys.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'expected at least one kid:base64(32 bytes)' });
    return z.NEVER;
  }
  return keys;
});

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `expected a URL (${protocols.join(' or ')})`,
  );

/** A mail limit (docs/product.md §2): a whole number of mails, at least one. */
const mailLimit = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z
    .string()
    .regex(/^[0-9A-Za-z.:-]{1,253}$/, { message: 'expected an address to listen on, e.g. 127.0.0.1 or 0.0.0.0' })
    .optional(),
  APP_BASE_URL: url(['http:', 'https:'])
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_STATEMENT_NAMES: z.enum(['on', 'off']).default('on'),
  TOKEN_ENCRYPTION_KEYS: keyList.optional(),
  ZOOM_CLIENT_ID: z.string().min(1).optional(),
  ZOOM_CLIENT_SECRET: z.string().min(1).optional(),
  ZOOM_WEBHOOK_SECRET_TOKEN: z.string().min(1).optional(),
  ZOOM_OAUTH_BASE_URL: url(['http:', 'https:']).optional(),
  ZOOM_API_BASE_URL: url(['http:', 'https:']).optional(),
  ZOOM_DATA_COMPLIANCE: z.enum(['on', 'off']).default('on'),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  ZOOM_RECORDS_FOR_OTHERS_PER_DAY: z.coerce.number().int().min(1).max(100).default(10),
  ZOOM_RECORDS_FOR_OTHERS_TOTAL_PER_DAY: z.coerce.number().int().min(1).max(100_000).default(50),
  ZOOM_DAILY_CREATES_PER_USER: z.coerce.number().int().min(1).max(100_000).default(100),
  ZOOM_CREATES_PER_SECOND: z.coerce.number().min(0).max(1000).default(0),
  MAIL_QUOTA_PER_PERSON_HOUR: mailLimit(200),
  MAIL_QUOTA_PER_PERSON_DAY: mailLimit(1000),
  MAIL_QUOTA_PER_ECOSYSTEM_HOUR: mailLimit(1000),
  MAIL_QUOTA_PER_CLIENT_HOUR: mailLimit(20),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Role = 'all' | 'web' | 'worker';

export interface Config {
  port: number;
  /** The address the HTTP server listens on (docs/product.md §8): loopback in emulator mode unless set. */
  host: string;
  /** The public URL; `http://localhost:{PORT}` unless set. */
  appBaseUrl: string;
  /** `postgres://…`, or undefined for embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Named prepared statements on PostgreSQL; off behind a pooler that does not keep them. */
  statementNames: boolean;
  tokenEncryptionKeys: { id: string; key: Buffer }[] | undefined;
  zoom: {
    /** true when no Zoom credentials are configured: `npm start` runs the emulator (docs/product.md §8). */
    emulatorMode: boolean;
    clientId: string | undefined;
    clientSecret: string | undefined;
    webhookSecretToken: string | undefined;
    oauthBaseUrl: string;
    apiBaseUrl: string;
    dataCompliance: boolean;
    /** Zoom records one person may create per UTC day on another host's Zoom (docs/product.md §2). */
    recordsForOthersPerDay: number;
    /** Zoom records all others together may create per UTC day on one host's Zoom (docs/product.md §2). */
    recordsForOthersTotalPerDay: number;
    /** Zoom's meeting creates per Zoom user per UTC day (docs/zoom-facts.md §6.2: 100, Zoom staff). */
    dailyCreatesPerUser: number;
    /** Meeting creates sent per second per Zoom account (0 = not paced; docs/zoom-facts.md §6.2). */
    createsPerSecond: number;
  };
  smtpUrl: string | undefined;
  /** The mail limits of docs/product.md §2 (src/mail/mailGate.ts). */
  mailQuota: {
    perPersonHour: number;
    perPersonDay: number;
    perEcosystemHour: number;
    /** Sign-up and password-reset mails asked from one client address per hour. */
    perClientHour: number;
  };
  /** How many reverse proxies' `X-Forwarded-For` entries to believe (docs/product.md §8); 0 = the socket peer. */
  trustProxy: number;
  /** Bearer token for `GET /metrics`; unset → /metrics is not served. */
  metricsToken: string | undefined;
  role: Role;
  logLevel: string;
  /** Cookies get `Secure` whenever the public URL is https (docs/product.md §2). */
  secureCookies: boolean;
}

export class ConfigError extends Error {
  readonly code = 'invalid_config';
}

/** Parses the environment; throws ConfigError naming every bad variable and what it expects. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = result.data;
  if (Boolean(e.ZOOM_CLIENT_ID) !== Boolean(e.ZOOM_CLIENT_SECRET)) {
    throw new ConfigError(
      'Invalid configuration:\n  ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET: set both (a real Zoom app) or neither (emulator mode)',
    );
  }
  const emulatorMode = !e.ZOOM_CLIENT_ID;
  if (!emulatorMode && !e.ZOOM_WEBHOOK_SECRET_TOKEN) {
    throw new ConfigError('Invalid configuration:\n  ZOOM_WEBHOOK_SECRET_TOKEN: required when ZOOM_CLIENT_ID is set');
  }
  if (e.DATABASE_URL && !e.TOKEN_ENCRYPTION_KEYS) {
    // Every instance must open every token, so PostgreSQL deployments share configured keys.
    throw new ConfigError(
      'Invalid configuration:\n  TOKEN_ENCRYPTION_KEYS: required with DATABASE_URL (kid:base64(32 bytes)[,kid:…])',
    );
  }
  const appBaseUrl = e.APP_BASE_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    // Emulator mode has demo users with a published password and an open mailbox: it serves
    // this machine only unless told otherwise.
    host: e.HOST ?? (emulatorMode ? '127.0.0.1' : '0.0.0.0'),
    appBaseUrl,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    statementNames: e.DATABASE_STATEMENT_NAMES === 'on',
    tokenEncryptionKeys: e.TOKEN_ENCRYPTION_KEYS,
    zoom: {
      emulatorMode,
      clientId: e.ZOOM_CLIENT_ID,
      clientSecret: e.ZOOM_CLIENT_SECRET,
      webhookSecretToken: e.ZOOM_WEBHOOK_SECRET_TOKEN,
      oauthBaseUrl: (e.ZOOM_OAUTH_BASE_URL ?? 'https://zoom.us').replace(/\/+$/, ''),
      apiBaseUrl: (e.ZOOM_API_BASE_URL ?? 'https://api.zoom.us').replace(/\/+$/, ''),
      dataCompliance: e.ZOOM_DATA_COMPLIANCE === 'on',
      recordsForOthersPerDay: e.ZOOM_RECORDS_FOR_OTHERS_PER_DAY,
      recordsForOthersTotalPerDay: e.ZOOM_RECORDS_FOR_OTHERS_TOTAL_PER_DAY,
      dailyCreatesPerUser: e.ZOOM_DAILY_CREATES_PER_USER,
      createsPerSecond: e.ZOOM_CREATES_PER_SECOND,
    },
    smtpUrl: e.SMTP_URL,
    mailQuota: {
      perPersonHour: e.MAIL_QUOTA_PER_PERSON_HOUR,
      perPersonDay: e.MAIL_QUOTA_PER_PERSON_DAY,
      perEcosystemHour: e.MAIL_QUOTA_PER_ECOSYSTEM_HOUR,
      perClientHour: e.MAIL_QUOTA_PER_CLIENT_HOUR,
    },
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN,
    role: e.ROLE,
    logLevel: e.LOG_LEVEL,
    secureCookies: appBaseUrl.startsWith('https:'),
  };
}

/**
 * What the app process (src/main.ts) needs beyond a parseable environment (docs/product.md §8): outside
 * emulator mode mail must really go out, so SMTP_URL is required — otherwise every message would
 * be marked stored and never sent, with nobody told. Commands that send no mail do not call this.
 */
export function assertServable(config: Config): void {
  if (!config.zoom.emulatorMode && !config.smtpUrl) {
    throw new ConfigError(
      'Invalid configuration:\n  SMTP_URL: required when ZOOM_CLIENT_ID is set (outside emulator mode mail must be sent, ' +
        'not kept in the database; the local mailbox exists only in emulator mode)',
    );
  }
}

import { z } from 'zod';

/** The only reader of process.env. Every bad variable is listed at once, not the first only. */
const Env = z.object({
  // Production unless told otherwise: a stack trace is shown only to a developer who asks for it.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  SIPAS_DB: z.string().min(1).default('data/sipas.db'),
  SIPAS_SURVEYS: z.string().min(1).default('surveys'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when the server sits behind HTTPS (a proxy): cookies then carry `Secure`. */
  SIPAS_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  /** Starts per access code and submissions per draft per minute on the public questionnaire (0 = off). */
  SIPAS_SUBMIT_RATE: z.coerce.number().int().min(0).default(10),
  /** Starts and submissions per client address per minute: a ceiling high enough for a carrier's shared address. */
  SIPAS_SUBMIT_ADDRESS_RATE: z.coerce.number().int().min(0).default(600),
  /** Wrong access codes per 15 minutes, per code prefix and per client address. */
  SIPAS_CODE_FAILURES: z.coerce.number().int().min(1).default(10),
  SIPAS_CODE_ADDRESS_FAILURES: z.coerce.number().int().min(1).default(60),
  /** Failed sign-ins per account per 15 minutes before /login answers 429 for it. */
  SIPAS_LOGIN_RATE: z.coerce.number().int().min(1).default(20),
  /** Failed sign-ins per client address per 15 minutes: an office shares one address. */
  SIPAS_LOGIN_ADDRESS_RATE: z.coerce.number().int().min(1).default(300),
  /**
   * Which proxies may tell the client's address in X-Forwarded-For: "false" (none, the default),
   * a hop count, or addresses/subnets ("loopback", "10.0.0.1, 172.16.0.0/12").
   */
  SIPAS_TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, 'false, a hop count, or a comma-separated list of addresses')
    .default('false'),
  /** Limits on an uploaded postal file (see docs/import.md). */
  SIPAS_IMPORT_MAX_MB: z.coerce.number().int().min(1).default(200),
  SIPAS_IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(2_000_000),
  SIPAS_IMPORT_MAX_CELL: z.coerce.number().int().min(16).default(4000),
  SIPAS_IMPORT_MAX_XLSX_MB: z.coerce.number().int().min(1).default(4096),
  SIPAS_IMPORT_KEEP_BAD_ROWS: z.coerce.number().int().min(0).default(10_000),
  /** Live index results kept in memory (by survey, filters and data version). */
  SIPAS_INDEX_CACHE: z.coerce.number().int().min(0).default(50),
  /** Seconds a live index run is shown again after responses changed (0: computed again at once). */
  SIPAS_LIVE_INDEX_MAX_AGE: z.coerce.number().int().min(0).default(30),
});

/** Limits on one postal file, wherever it comes from (web or CLI). */
export interface ImportLimits {
  /** Bytes of the file as uploaded. */
  maxBytes: number;
  /** Data rows (after the header). */
  maxRows: number;
  /** Characters in one cell. */
  maxCell: number;
  /** Bytes of an .xlsx once unzipped (all the parts read). */
  maxXlsxBytes: number;
  /** Quarantined rows kept in full (and written to the error report); the rest are counted. */
  keepBadRows: number;
}

export const defaultImportLimits = (): ImportLimits => importLimitsOf(Env.parse({}));

function importLimitsOf(e: z.infer<typeof Env>): ImportLimits {
  return {
    maxBytes: e.SIPAS_IMPORT_MAX_MB * 1024 * 1024,
    maxRows: e.SIPAS_IMPORT_MAX_ROWS,
    maxCell: e.SIPAS_IMPORT_MAX_CELL,
    maxXlsxBytes: e.SIPAS_IMPORT_MAX_XLSX_MB * 1024 * 1024,
    keepBadRows: e.SIPAS_IMPORT_KEEP_BAD_ROWS,
  };
}

function trustProxyOf(value: string): false | number | string[] {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim());
}

export interface Config {
  env: 'development' | 'production' | 'test';
  dbPath: string;
  surveysDir: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  secureCookies: boolean;
  submitRatePerMinute: number;
  submitAddressRatePerMinute: number;
  codeFailuresPer15Min: number;
  codeAddressFailuresPer15Min: number;
  loginFailuresPer15Min: number;
  loginAddressFailuresPer15Min: number;
  /** Express's "trust proxy": false trusts no X-Forwarded-For. */
  trustProxy: false | number | string[];
  importLimits: ImportLimits;
  indexCacheEntries: number;
  liveIndexMaxAgeSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`bad environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> | undefined = process.env, overrides: Partial<Config> = {}): Config {
  const result = Env.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = result.data;
  return {
    env: e.NODE_ENV,
    dbPath: e.SIPAS_DB,
    surveysDir: e.SIPAS_SURVEYS,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    secureCookies: e.SIPAS_SECURE_COOKIES === 'true',
    submitRatePerMinute: e.SIPAS_SUBMIT_RATE,
    submitAddressRatePerMinute: e.SIPAS_SUBMIT_ADDRESS_RATE,
    codeFailuresPer15Min: e.SIPAS_CODE_FAILURES,
    codeAddressFailuresPer15Min: e.SIPAS_CODE_ADDRESS_FAILURES,
    loginFailuresPer15Min: e.SIPAS_LOGIN_RATE,
    loginAddressFailuresPer15Min: e.SIPAS_LOGIN_ADDRESS_RATE,
    trustProxy: trustProxyOf(e.SIPAS_TRUST_PROXY),
    importLimits: importLimitsOf(e),
    indexCacheEntries: e.SIPAS_INDEX_CACHE,
    liveIndexMaxAgeSeconds: e.SIPAS_LIVE_INDEX_MAX_AGE,
    ...overrides,
  };
}

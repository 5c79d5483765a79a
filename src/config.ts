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
  /** Submissions per client per minute on the public questionnaire. */
  SIPAS_SUBMIT_RATE: z.coerce.number().int().min(1).default(30),
  /** Failed sign-ins per client address per 15 minutes before /login answers 429. */
  SIPAS_LOGIN_RATE: z.coerce.number().int().min(1).default(20),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  dbPath: string;
  surveysDir: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  secureCookies: boolean;
  submitRatePerMinute: number;
  loginFailuresPer15Min: number;
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
    loginFailuresPer15Min: e.SIPAS_LOGIN_RATE,
    ...overrides,
  };
}

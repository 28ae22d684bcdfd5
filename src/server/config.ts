import { isLocale, type Locale, DEFAULT_LOCALE } from '../core/i18n/index.ts';
import { PREVIEW_LIMITS, type PreviewLimits } from '../core/plan/document/preview.ts';

/** The levels pino knows; anything else in LOG_LEVEL is refused up front instead of failing inside pino. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: unknown): value is LogLevel {
  return LOG_LEVELS.some((level) => level === value);
}

/** A setting in the environment that cannot work; the command line answers it with exit code 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type AppConfig = {
  port: number;
  host: string;
  /** SQLite folder; ignored when databaseUrl is set. */
  dataDir: string;
  /** ':memory:' or a file path for SQLite, overriding dataDir (tests). */
  sqliteFile: string | undefined;
  databaseUrl: string | undefined;
  /** Built SPA to serve; null serves the API alone. */
  webDir: string | null;
  logLevel: LogLevel;
  /** Run scheduled jobs and dispatch events in this process. */
  runScheduler: boolean;
  /** Public origin used in invitation links. */
  publicUrl: string;
  /** Mark cookies Secure (behind HTTPS). */
  secureCookies: boolean;
  trustProxy: boolean;
  defaultLocale: Locale;
  /** Whose calendar decides what "today" is for deadlines and periods. */
  timezone: string;
  sessionIdleDays: number;
  sessionMaxDays: number;
  bodyLimitBytes: number;
  loginAttemptsPerAccount: number;
  loginAttemptsPerAddress: number;
  loginWindowMinutes: number;
  /** Accounts one address may create per window (OPSPLAN_SIGNUPS_PER_ADDRESS). */
  signUpsPerAddress: number;
  signUpWindowMinutes: number;
  /** SMTP server for e-mail notifications (smtp://user:pass@host:587); unset turns e-mail off. */
  smtpUrl: string | undefined;
  /** Sender of notification e-mails. */
  mailFrom: string;
  /** How long a chat target may take to answer before the delivery counts as failed. */
  webhookTimeoutMs: number;
  /**
   * Check every JSON answer against its route's zod schema before sending it (OPSPLAN_CHECK_RESPONSES=true; on
   * in the tests). Off, answers are written by serializers compiled from those schemas without the check.
   */
  checkResponses: boolean;
  /**
   * A stale plan health of a plan up to this many planned items (goals, tasks, KPIs, processes, routines) is
   * recomputed while the request waits, so a small team sees its fix at once; a larger plan's request answers the
   * stored one, marked stale, and the recomputation runs in the background.
   */
  planHealthWaitItems: number;
  /** How many goals, tasks and KPIs the Plan page's live preview shows at most (tests lower them). */
  planPreviewLimits: PreviewLimits;
  /** Source of time; tests move it forward. */
  now: () => number;
};

/** Configuration from the environment, then overrides. */
export function loadConfig(
  overrides: Partial<AppConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
): AppConfig {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  const defaultLocale = isLocale(env.OPSPLAN_LOCALE) ? env.OPSPLAN_LOCALE : DEFAULT_LOCALE;
  // Checked only when the environment decides it: an override (tests, one-shot commands) replaces it.
  const logLevel = overrides.logLevel ?? (env.LOG_LEVEL || 'info');
  if (!isLogLevel(logLevel))
    throw new ConfigError(`LOG_LEVEL "${logLevel}" is not a log level: use one of ${LOG_LEVELS.join(', ')}.`);
  return {
    port,
    host,
    dataDir: env.DATA_DIR ?? 'data',
    sqliteFile: undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    webDir: env.WEB_DIR ?? 'dist/web',
    logLevel,
    runScheduler: env.OPSPLAN_SCHEDULER !== 'off',
    publicUrl: env.PUBLIC_URL ?? `http://${host}:${port}`,
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    defaultLocale,
    timezone: env.OPSPLAN_TIMEZONE ?? 'Asia/Shanghai',
    sessionIdleDays: 14,
    sessionMaxDays: 60,
    bodyLimitBytes: 1024 * 1024,
    loginAttemptsPerAccount: 10,
    loginAttemptsPerAddress: 50,
    loginWindowMinutes: 15,
    signUpsPerAddress: Number(env.OPSPLAN_SIGNUPS_PER_ADDRESS) || 20,
    signUpWindowMinutes: 60,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'OpsPlan <opsplan@localhost>',
    webhookTimeoutMs: 5000,
    checkResponses: env.OPSPLAN_CHECK_RESPONSES === 'true',
    planHealthWaitItems: 1000,
    planPreviewLimits: PREVIEW_LIMITS,
    now: () => Date.now(),
    ...overrides,
  };
}

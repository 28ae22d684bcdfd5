import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { isLocale, LOCALES, type Locale } from '../core/i18n/index.ts';
import { isPostgresUrl } from '../db/url.ts';
import { isLogLevel, loadConfig, type AppConfig } from '../server/config.ts';

/** Exit codes of every `opsplan` command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A failure the user can fix: printed as one line, exits with `exitCode` (2 unless told). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Where a command writes and what environment it reads: the process's, or a test's. */
export type CliIo = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
};

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Ends a command with exit code 1 (findings) once it has printed them; nothing more to say. */
export class CliFindings extends CliError {
  constructor() {
    super('', EXIT.findings);
    this.name = 'CliFindings';
  }
}

/**
 * The package's folder: the nearest one up with a package.json, from the sources (src/cli) or from the build
 * (dist/server) alike.
 */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

/** Options every database-using command accepts. */
export type DatabaseOptions = { dataDir?: string; databaseUrl?: string };

export function addDataDirOption(command: Command): Command {
  return command.option('--data-dir <dir>', 'folder of the SQLite database (env DATA_DIR, default ./data)');
}

export function addDatabaseOptions(command: Command): Command {
  return addDataDirOption(command).option(
    '--database-url <url>',
    'postgres://… to use PostgreSQL instead of SQLite (env DATABASE_URL)',
  );
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError('Expected a port number from 0 to 65535 (0 picks a free port).');
  }
  return port;
}

export function parseLocale(value: string): Locale {
  if (!isLocale(value)) throw new InvalidArgumentError(`Expected one of: ${LOCALES.join(', ')}.`);
  return value;
}

/** The app configuration: environment first, then command-line options, then the command's own overrides. */
export function configFromOptions(
  options: DatabaseOptions & { port?: number; host?: string },
  overrides: Partial<AppConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
): AppConfig {
  const fromOptions: Partial<AppConfig> = {};
  if (options.dataDir !== undefined) fromOptions.dataDir = options.dataDir;
  if (options.databaseUrl !== undefined) {
    if (!isPostgresUrl(options.databaseUrl)) {
      throw new CliError(
        `--database-url must start with postgres:// or postgresql:// (got "${options.databaseUrl}").`,
      );
    }
    fromOptions.databaseUrl = options.databaseUrl;
  }
  if (options.port !== undefined) fromOptions.port = options.port;
  if (options.host !== undefined) fromOptions.host = options.host;
  // The built web app ships inside the package, so `opsplan serve` finds it from any working directory.
  if (env.WEB_DIR === undefined) {
    fromOptions.webDir = path.join(packageRoot(), 'dist', 'web');
  }
  const config = loadConfig({ ...fromOptions, ...overrides }, env);
  // Invitation links follow a port or host given on the command line unless PUBLIC_URL pins them.
  if (!env.PUBLIC_URL && (options.port !== undefined || options.host !== undefined) && !overrides.publicUrl) {
    config.publicUrl = `http://${config.host}:${config.port}`;
  }
  return config;
}

/** One-shot commands log warnings only, unless LOG_LEVEL asks for more. */
export function quietLogLevel(env: NodeJS.ProcessEnv = process.env): AppConfig['logLevel'] {
  return isLogLevel(env.LOG_LEVEL) ? env.LOG_LEVEL : 'warn';
}

/** Where the SQLite database of this configuration lives, or null on PostgreSQL. */
export function sqliteFileOf(config: AppConfig): string | null {
  if (isPostgresUrl(config.databaseUrl)) return null;
  return path.resolve(config.sqliteFile ?? path.join(config.dataDir, 'opsplan.db'));
}

/** `-wal` and `-shm` beside a SQLite file: they belong to it and must move or go with it. */
export function sqliteSidecars(file: string): string[] {
  return [`${file}-wal`, `${file}-shm`];
}

/** `1 workspace`, `2 workspaces`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Bytes as a short human figure. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

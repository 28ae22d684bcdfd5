import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import {
  addDataDirOption,
  CliError,
  configFromOptions,
  plural,
  processIo,
  sqliteFileOf,
  sqliteSidecars,
  type CliIo,
  type DatabaseOptions,
} from '../options.ts';

type RestoreOptions = Pick<DatabaseOptions, 'dataDir'> & { force?: boolean };

const STOP_FIRST = 'Stop the server (`opsplan serve`) before restoring: it keeps the database open.';

export function registerRestore(program: Command, io: CliIo = processIo()): void {
  const command = program
    .command('restore')
    .description('Replace the SQLite database with a backup FILE (stop the server first)')
    .argument('<file>', 'a backup written by `opsplan backup`')
    .option('--force', 'replace an existing database (it is kept beside it as opsplan.db.replaced-<time>)')
    .addHelpText(
      'after',
      `\n${STOP_FIRST}\nFILE must be an OpsPlan SQLite database that passes PRAGMA integrity_check.\n` +
        'With DATABASE_URL=postgres://… use pg_restore instead.',
    );
  addDataDirOption(command).action((file: string, options: RestoreOptions) => restore(file, options, io));
}

async function restore(file: string, options: RestoreOptions, io: CliIo): Promise<void> {
  const config = configFromOptions(options, {}, io.env);
  const target = sqliteFileOf(config);
  if (!target) {
    throw new CliError(
      'DATABASE_URL points at PostgreSQL: restore a pg_dump file with pg_restore, e.g. `pg_restore --clean --if-exists --dbname="$DATABASE_URL" opsplan.dump`.',
    );
  }
  const source = path.resolve(file);
  if (!existsSync(source) || !statSync(source).isFile()) {
    throw new CliError(`${source} does not exist or is not a file.`);
  }
  if (source === target) throw new CliError('FILE is the live database itself: nothing to restore.');
  const hasDatabase = existsSync(target);
  if (hasDatabase && !options.force) {
    throw new CliError(
      `A database already exists at ${target}. ${STOP_FIRST} Then pass --force to replace it.`,
    );
  }

  mkdirSync(path.dirname(target), { recursive: true });
  const { default: Driver } = await import('better-sqlite3');
  // Check a private copy beside the target, so what passed the checks is exactly what moves into place.
  const staged = `${target}.restoring-${process.pid}`;
  try {
    copyFileSync(source, staged);
    // A raw copy of a live database may hold committed pages in its -wal file: bring them along.
    if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${staged}-wal`);
    const summary = checkBackup(Driver, staged, source);

    let keptAs: string | null = null;
    if (hasDatabase) {
      releaseLiveDatabase(Driver, target);
      keptAs = `${target}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, keptAs);
    }
    for (const stale of sqliteSidecars(target)) rmSync(stale, { force: true });
    renameSync(staged, target);

    io.stdout.write(
      `Restored ${source} into ${target} (${plural(summary.userCount, 'user')}, ${plural(summary.workspaceCount, 'workspace')}).\n` +
        (keptAs ? `The database it replaced is kept as ${keptAs}.\n` : '') +
        'Start the server with `opsplan serve` (make sure no other server was still running).\n',
    );
  } finally {
    for (const leftover of [staged, ...sqliteSidecars(staged)]) rmSync(leftover, { force: true });
  }
}

/** Opens the staged copy: a SQLite file, intact, with OpsPlan's migrations table; leaves it as one file. */
function checkBackup(
  Driver: typeof SQLite,
  staged: string,
  source: string,
): { userCount: number; workspaceCount: number } {
  let database: SQLite.Database;
  try {
    database = new Driver(staged, { fileMustExist: true });
  } catch {
    throw new CliError(`${source} is not a SQLite database.`);
  }
  try {
    let integrity: string[];
    try {
      integrity = (database.pragma('integrity_check') as Array<{ integrity_check: string }>).map(
        (row) => row.integrity_check,
      );
    } catch {
      throw new CliError(`${source} is not a SQLite database (or is encrypted or truncated).`);
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new CliError(
        `${source} is damaged: PRAGMA integrity_check reports ${integrity.slice(0, 3).join('; ')}.`,
      );
    }
    const migrations = database
      .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!migrations) {
      throw new CliError(
        `${source} is a SQLite database but not an OpsPlan one (no kysely_migration table).`,
      );
    }
    // Fold any -wal contents into the file, so the target is one self-contained file.
    database.pragma('journal_mode = DELETE');
    const count = (table: string) =>
      hasTable(database, table)
        ? (database.prepare(`select count(*) as count from ${table}`).get() as { count: number }).count
        : 0;
    return { userCount: count('users'), workspaceCount: count('workspaces') };
  } finally {
    database.close();
  }
}

function hasTable(database: SQLite.Database, table: string): boolean {
  return !!database.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
}

/**
 * Leaving WAL mode needs the only connection to the database: if that is refused, a server still has it open.
 * On success the WAL is checkpointed into the file, so the copy kept aside is complete.
 */
function releaseLiveDatabase(Driver: typeof SQLite, target: string): void {
  const database = new Driver(target, { fileMustExist: true });
  try {
    database.pragma('busy_timeout = 0');
    let mode: unknown;
    try {
      mode = database.pragma('journal_mode = DELETE', { simple: true });
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) mode = 'wal';
      // An unreadable old database is simply moved aside.
      else return;
    }
    if (mode === 'wal') throw new CliError(`The database at ${target} is in use. ${STOP_FIRST}`);
  } finally {
    database.close();
  }
}

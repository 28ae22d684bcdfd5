import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  addDataDirOption,
  CliError,
  configFromOptions,
  formatBytes,
  plural,
  processIo,
  sqliteFileOf,
  sqliteSidecars,
  type CliIo,
  type DatabaseOptions,
} from '../options.ts';

type BackupOptions = Pick<DatabaseOptions, 'dataDir'> & { force?: boolean };

export function registerBackup(program: Command, io: CliIo = processIo()): void {
  const command = program
    .command('backup')
    .description('Copy the SQLite database to FILE; safe while the server runs')
    .argument('<file>', 'the backup file to write')
    .option('--force', 'overwrite FILE if it exists')
    .addHelpText(
      'after',
      '\nThe copy is one consistent snapshot (VACUUM INTO), finishes while the server keeps writing, and is self-contained. Restore it with `opsplan restore FILE`.\n' +
        'With DATABASE_URL=postgres://… use pg_dump instead.',
    );
  addDataDirOption(command).action((file: string, options: BackupOptions) => backup(file, options, io));
}

async function backup(file: string, options: BackupOptions, io: CliIo): Promise<void> {
  const config = configFromOptions(options, {}, io.env);
  const source = sqliteFileOf(config);
  if (!source) {
    throw new CliError(
      'DATABASE_URL points at PostgreSQL: back it up with pg_dump, e.g. `pg_dump --format=custom --file=opsplan.dump "$DATABASE_URL"`.',
    );
  }
  if (!existsSync(source)) {
    throw new CliError(
      `No database at ${source}: pass --data-dir, or create one with \`opsplan serve\` or \`opsplan demo\`.`,
    );
  }
  const target = path.resolve(file);
  if (target === source) throw new CliError('FILE is the live database itself: choose another path.');
  if (existsSync(target)) {
    // A folder first: --force would not help, so do not suggest it.
    if (statSync(target).isDirectory())
      throw new CliError(
        `${target} is a folder: name a file inside it, e.g. ${path.join(target, 'opsplan-backup.db')}.`,
      );
    if (!options.force)
      throw new CliError(`${target} already exists: choose another FILE or pass --force to overwrite it.`);
    for (const stale of [target, ...sqliteSidecars(target)]) rmSync(stale, { force: true });
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const [{ default: SQLite }, { copySqliteDatabase }] = await Promise.all([
    import('better-sqlite3'),
    import('../../db/backup.ts'),
  ]);

  // A copy of one snapshot in one step: it finishes however busy the server is. Progress only when it is slow.
  await copySqliteDatabase(source, target, {
    onProgress: ({ copiedBytes, totalBytes, elapsedMs }) => {
      if (elapsedMs < 2000) return;
      const percent = Math.min(99, Math.floor((copiedBytes / Math.max(1, totalBytes)) * 100));
      io.stderr.write(
        `Backing up… ${formatBytes(copiedBytes)} of ${formatBytes(totalBytes)} (${percent}%)\n`,
      );
    },
  });

  const copy = new SQLite(target, { readonly: true });
  let userCount: number;
  try {
    userCount = (copy.prepare('select count(*) as count from users').get() as { count: number }).count;
  } finally {
    copy.close();
  }
  io.stdout.write(
    `Backed up ${source} to ${target} (${formatBytes(statSync(target).size)}, ${plural(userCount, 'user')}).\n` +
      `Restore it with: opsplan restore ${JSON.stringify(target)}\n`,
  );
}

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copySqliteDatabase, type BackupProgress } from './backup.ts';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'opsplan-backup-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** A WAL database of about `megabytes` MB, as the server keeps it. */
function seedDatabase(file: string, megabytes: number) {
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.exec('create table notes (id integer primary key, body text not null)');
  const insert = database.prepare('insert into notes (body) values (?)');
  const body = 'x'.repeat(1000);
  database.transaction(() => {
    for (let index = 0; index < megabytes * 1000; index += 1) insert.run(`${index}:${body}`);
  })();
  database.close();
  return megabytes * 1000;
}

describe('copySqliteDatabase', () => {
  it('finishes while another connection writes continuously, and the copy passes integrity_check', async () => {
    const source = path.join(folder, 'opsplan.db');
    const target = path.join(folder, 'backup.db');
    const seeded = seedDatabase(source, 40);

    // The server's side: a separate connection committing a write every few milliseconds.
    const writer = new SQLite(source);
    writer.pragma('busy_timeout = 5000');
    const write = writer.prepare('insert into notes (body) values (?)');
    let writes = 0;
    const writing = setInterval(() => {
      write.run(`written during the backup ${writes}`);
      writes += 1;
    }, 2);

    const progress: BackupProgress[] = [];
    const started = Date.now();
    try {
      await copySqliteDatabase(source, target, {
        onProgress: (step) => progress.push(step),
        progressEveryMs: 5,
      });
    } finally {
      clearInterval(writing);
    }
    const elapsed = Date.now() - started;
    const writesDuringBackup = writes;
    writer.close();

    expect(writesDuringBackup).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(30_000);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((step) => step.copiedBytes <= step.totalBytes * 1.1)).toBe(true);

    // Written beside the target and renamed into place: nothing partial is left behind.
    expect(readdirSync(folder).filter((name) => name.includes('.partial-'))).toEqual([]);
    const copy = new SQLite(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const { count } = copy.prepare('select count(*) as count from notes').get() as { count: number };
      // One snapshot: everything seeded, and at most the writes made while it ran.
      expect(count).toBeGreaterThanOrEqual(seeded);
      expect(count).toBeLessThanOrEqual(seeded + writesDuringBackup);
    } finally {
      copy.close();
    }
  }, 60_000);
});

import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

export type BackupProgress = { copiedBytes: number; totalBytes: number; elapsedMs: number };

export type BackupOptions = {
  /** Called every `progressEveryMs` while the copy runs. */
  onProgress?: ((progress: BackupProgress) => void) | undefined;
  progressEveryMs?: number | undefined;
};

// The copy runs in a worker so this thread stays free to report progress. Plain JavaScript evaluated as
// CommonJS: it needs no TypeScript loader, and better-sqlite3 comes by absolute path from here.
const COPY_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const source = new SQLite(workerData.source, { readonly: true, fileMustExist: true });
try {
  source.pragma('busy_timeout = 5000');
  source.prepare('VACUUM INTO ?').run(workerData.target);
} finally {
  source.close();
}
parentPort.postMessage('done');
`;

/**
 * A consistent copy of a live SQLite database at `target`, in bounded time however busy its writers are.
 *
 * SQLite's online backup API copies a few pages per step and starts over whenever another connection
 * writes in between, so under steady writes it never finishes. `VACUUM INTO` copies one read snapshot in a
 * single statement while writers go on (WAL). It writes to a temporary file renamed into place at the end,
 * so `target` never holds half a copy. The copy is left in rollback-journal mode: one self-contained file.
 */
export async function copySqliteDatabase(
  source: string,
  target: string,
  options: BackupOptions = {},
): Promise<void> {
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const started = Date.now();
  const totalBytes = databaseBytes(source);
  const ticker = options.onProgress
    ? setInterval(() => {
        const copiedBytes = existsSync(partial) ? statSync(partial).size : 0;
        options.onProgress?.({ copiedBytes, totalBytes, elapsedMs: Date.now() - started });
      }, options.progressEveryMs ?? 1000)
    : null;
  try {
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(COPY_WORKER, {
        eval: true,
        workerData: {
          source,
          target: partial,
          driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        },
      });
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (code !== 0) reject(new Error(`the backup worker stopped with code ${code}`));
      });
    });
    const copy = new SQLite(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

/** The size of the database's latest snapshot (write-ahead log included): about what the copy will hold. */
function databaseBytes(file: string): number {
  const database = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const pages = Number(database.pragma('page_count', { simple: true }));
    return pages * Number(database.pragma('page_size', { simple: true }));
  } finally {
    database.close();
  }
}

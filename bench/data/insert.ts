import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../src/db/types.ts';

/** Prints rows/s every two seconds while a table fills, and once at the end. */
export class Progress {
  private readonly started = performance.now();
  private lastPrinted = this.started;

  constructor(
    private readonly label: string,
    private readonly total: number | undefined,
  ) {}

  update(count: number): void {
    const now = performance.now();
    if (now - this.lastPrinted < 2000) return;
    this.lastPrinted = now;
    this.print(count, now);
  }

  finish(count: number): void {
    this.print(count, performance.now());
  }

  private print(count: number, now: number): void {
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(count / seconds) : count;
    const of = this.total ? ` / ${this.total.toLocaleString('en-US')}` : '';
    console.log(
      `  ${this.label.padEnd(14)} ${count.toLocaleString('en-US')}${of} rows  ${rate.toLocaleString('en-US')} rows/s  (${seconds.toFixed(1)} s)`,
    );
  }
}

// ~1,000 rows per statement, kept under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const MAX_PARAMETERS = 30_000;
const STATEMENTS_PER_TRANSACTION = 100;

/**
 * Inserts rows as multi-row INSERT statements inside big transactions (≈100k rows each): no per-row round
 * trips, and the rows are produced lazily so two million measurements never sit in memory at once.
 */
export async function insertRows<Table extends keyof Database & string>(
  db: Kysely<Database>,
  table: Table,
  columns: number,
  rows: Iterable<Insertable<Database[Table]>>,
  total?: number,
): Promise<number> {
  const batchSize = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMETERS / columns)));
  const progress = new Progress(table, total);
  const iterator = rows[Symbol.iterator]();
  let count = 0;
  let isDone = false;
  while (!isDone) {
    await db.transaction().execute(async (trx) => {
      for (let statement = 0; statement < STATEMENTS_PER_TRANSACTION && !isDone; statement += 1) {
        const batch: Array<Insertable<Database[Table]>> = [];
        while (batch.length < batchSize) {
          const next = iterator.next();
          if (next.done) {
            isDone = true;
            break;
          }
          batch.push(next.value);
        }
        if (batch.length === 0) break;
        await trx
          .insertInto(table)
          .values(batch)
          .execute();
        count += batch.length;
        progress.update(count);
      }
    });
  }
  progress.finish(count);
  return count;
}

import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { Dialect } from '../../db/index.ts';
import { newId } from '../../db/ids.ts';
import type { Db, Executor, Job } from '../../db/types.ts';
import * as queries from './queries.ts';

export type JobHandler = (payload: unknown, job: Job) => Promise<void>;

type Registration = { handler: JobHandler; maxAttempts: number };

export type EnqueueOptions = {
  name: string;
  payload?: unknown;
  runAt?: number;
  /** Jobs with the same key are one job: enqueueing again does nothing while it exists. */
  key?: string;
  maxAttempts?: number;
};

export type SchedulerOptions = {
  db: Db;
  dialect: Dialect;
  now: () => number;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  workerId?: string;
  /** How long a claimed job is ours; a worker that dies lets it go after this. */
  leaseMs?: number;
  pollMs?: number;
  batchSize?: number;
};

const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** Retry delay after a failure: 2 s, 4 s, 8 s … capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(1, attempts));
}

export function nextCronRun(rule: string, after: number, timezone = 'UTC'): number {
  const next = new Cron(rule, { timezone, paused: true }).nextRun(new Date(after));
  if (!next) throw new Error(`Cron rule ${rule} has no next run`);
  return next.getTime();
}

/**
 * Durable jobs in the database. Claiming is one UPDATE … RETURNING; on PostgreSQL the candidate rows are
 * locked with FOR UPDATE SKIP LOCKED, so several app instances never run one job twice. On SQLite the single
 * writer gives the same guarantee.
 */
export class Scheduler {
  readonly workerId: string;
  private readonly handlers = new Map<string, Registration>();
  private readonly options: Required<Omit<SchedulerOptions, 'workerId'>>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = true;

  constructor(options: SchedulerOptions) {
    this.workerId = options.workerId ?? `worker-${newId()}`;
    this.options = { leaseMs: 5 * 60 * 1000, pollMs: 1000, batchSize: 10, ...options };
  }

  /** The scheduler's logger, for jobs that report progress. */
  get logger(): SchedulerOptions['logger'] {
    return this.options.logger;
  }

  register(name: string, handler: JobHandler, options: { maxAttempts?: number } = {}): void {
    this.handlers.set(name, { handler, maxAttempts: options.maxAttempts ?? 8 });
  }

  /** Adds a job, inside the caller's transaction when given one. */
  async enqueue(executor: Executor, options: EnqueueOptions): Promise<void> {
    const now = this.options.now();
    await queries.insertJob(executor, {
      id: newId(now),
      name: options.name,
      payload: JSON.stringify(options.payload ?? null),
      key: options.key ?? null,
      cron: null,
      status: 'queued',
      run_at: options.runAt ?? now,
      attempts: 0,
      max_attempts: options.maxAttempts ?? this.handlers.get(options.name)?.maxAttempts ?? 8,
      last_error: null,
      locked_by: null,
      locked_until: null,
      created_at: now,
      updated_at: now,
    });
  }

  /** A recurring job: one row per key whose run time moves to the rule's next occurrence after each run. */
  async every(name: string, cron: string, payload: unknown = null, key = `cron:${name}`): Promise<void> {
    const now = this.options.now();
    await queries.upsertCronJob(this.options.db, {
      id: newId(now),
      name,
      payload: JSON.stringify(payload),
      key,
      cron,
      status: 'queued',
      run_at: nextCronRun(cron, now),
      attempts: 0,
      max_attempts: 3,
      last_error: null,
      locked_by: null,
      locked_until: null,
      created_at: now,
      updated_at: now,
    });
  }

  /** Stops a recurring job made by `every` (its rows under the same key go; the handler stays registered). */
  async unschedule(name: string, key = `cron:${name}`): Promise<void> {
    await queries.deleteJobByKey(this.options.db, key);
  }

  /** Claims and runs the jobs due now; returns how many ran. Tests call this directly. */
  async runDue(): Promise<number> {
    const { db, dialect, now, batchSize, leaseMs } = this.options;
    const claimed = await queries.claimDueJobs(db, dialect, {
      now: now(),
      workerId: this.workerId,
      leaseMs,
      limit: batchSize,
    });
    for (const job of claimed) await this.runOne(job);
    return claimed.length;
  }

  private async runOne(job: Job): Promise<void> {
    const { db, now, logger } = this.options;
    const registration = this.handlers.get(job.name);
    try {
      if (!registration) throw new Error(`No handler for job ${job.name}`);
      await registration.handler(JSON.parse(job.payload) as unknown, job);
      const finishedAt = now();
      if (job.cron) {
        await queries.rescheduleJob(db, job.id, this.workerId, nextCronRun(job.cron, finishedAt), finishedAt);
      } else {
        await queries.finishJob(db, job.id, this.workerId, finishedAt);
      }
    } catch (error) {
      const failedAt = now();
      const message = error instanceof Error ? error.message : String(error);
      const isFinal = job.attempts >= job.max_attempts;
      logger.warn({ job: job.name, jobId: job.id, attempts: job.attempts, err: error }, 'job failed');
      const retryAt =
        job.cron && isFinal ? nextCronRun(job.cron, failedAt) : failedAt + backoffMs(job.attempts);
      await queries.failJob(db, job.id, this.workerId, {
        message: message.slice(0, 2000),
        retryAt,
        // A recurring job is never given up: its next occurrence starts a fresh count.
        status: isFinal && !job.cron ? 'failed' : 'queued',
        resetAttempts: isFinal && !!job.cron,
        now: failedAt,
      });
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        this.running = this.runDue();
        const count = await this.running;
        this.timer = setTimeout(tick, count > 0 ? 0 : this.options.pollMs);
      } catch (error) {
        this.options.logger.error({ err: error }, 'scheduler tick failed');
        this.timer = setTimeout(tick, this.options.pollMs);
      } finally {
        this.running = null;
      }
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}

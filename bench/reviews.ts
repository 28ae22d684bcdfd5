// Pre-filling review scorecards: 500 people over a quarter, each with owned goals and key results, weekly
// check-ins, tasks where they are R or A, routine occurrences and process steps with an SLA (about 150,000 rows
// read). Times computeScorecards (the four evidence queries + splitting per person + core scoring) against the
// same four queries alone, as a ratio: what the scoring adds over reading the evidence.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/index.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/types.ts';
import { readEvidence, computeScorecards } from '../src/server/reviews/scorecards.ts';
import { createRandom } from './lib/random.ts';

const PEOPLE = Number(process.env.BENCH_REVIEW_PEOPLE ?? 500);
const period = { start: '2026-07-01', end: '2026-09-30' };
const DAY = 86_400_000;
const day = (offset: number) =>
  new Date(Date.parse(`${period.start}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opsplan-bench-reviews-'));
  const handle = openDatabase({ dataDir: dir });
  const { db } = handle;
  try {
    await migrateToLatest(db);
    const random = createRandom(20_261_206);
    const now = Date.parse('2026-10-05T00:00:00Z');
    const ws = 'ws-bench';
    const owner = 'u0';
    const users = Array.from({ length: PEOPLE }, (_, i) => `u${i}`);
    await db
      .insertInto('users')
      .values(
        users.map((id) => ({
          id,
          email: `${id}@bench.test`,
          name: `Person ${id}`,
          password_hash: 'x',
          locale: 'en',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('workspaces')
      .values({ id: ws, name: 'bench', created_by: owner, created_at: now, updated_at: now })
      .execute();
    await db
      .insertInto('memberships')
      .values(
        users.map((id) => ({
          workspace_id: ws,
          user_id: id,
          role: 'member',
          title: null,
          weekly_capacity_hours: 40,
          created_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('processes')
      .values({
        id: 'p1',
        workspace_id: ws,
        name: 'Order',
        description: null,
        template_key: null,
        current_version_id: 'v1',
        created_by: owner,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('process_versions')
      .values({
        id: 'v1',
        workspace_id: ws,
        process_id: 'p1',
        number: 1,
        steps: JSON.stringify([
          { key: 'check', name: 'Check' },
          { key: 'ship', name: 'Ship' },
        ]),
        created_by: owner,
        created_at: now,
      })
      .execute();
    await db
      .insertInto('recurrences')
      .values({
        id: 'rec',
        workspace_id: ws,
        rule: 'FREQ=DAILY',
        starts_on: period.start,
        template: '{}',
        next_occurrence: null,
        skipped: '[]',
        ended_at: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    let rows = 0;
    const batch = async <T extends keyof Database>(table: T, values: unknown[]) => {
      for (let i = 0; i < values.length; i += 500)
        await db
          .insertInto(table)
          .values(values.slice(i, i + 500) as never)
          .execute();
      rows += values.length;
    };
    for (let p = 0; p < PEOPLE; p += 1) {
      const user = users[p] as string;
      const goals = [],
        krs = [],
        checkIns = [],
        tasks = [],
        roles = [],
        runs = [],
        steps = [];
      for (let g = 0; g < 4; g += 1) {
        const goalId = `g${p}-${g}`;
        goals.push({
          id: goalId,
          workspace_id: ws,
          parent_id: null,
          title: `Goal ${g}`,
          description: null,
          owner_id: user,
          start_date: period.start,
          due_date: period.end,
          status: 'active',
          weight: 1 + g,
          is_top_level: 1,
          progress: random.next(),
          projected_progress: null,
          health: 'on_track',
          health_reason: null,
          created_at: now,
          updated_at: now,
        });
        for (let k = 0; k < 3; k += 1)
          krs.push({
            id: `${goalId}-k${k}`,
            workspace_id: ws,
            goal_id: goalId,
            title: `KR ${k}`,
            kpi_id: null,
            baseline: null,
            target: null,
            weight: 1,
            is_done: 0,
            current: null,
            progress: random.next() * 1.2,
            projected_progress: null,
            projected_value: null,
            reach_date: null,
            position: k,
            created_at: now,
            updated_at: now,
          });
        for (let w = 0; w < 13; w += 1)
          if (random.next() < 0.8)
            checkIns.push({
              id: `${goalId}-c${w}`,
              workspace_id: ws,
              goal_id: goalId,
              author_id: user,
              progress: 0.5,
              confidence: 3,
              note: '',
              blockers: null,
              created_at: Date.parse(`${day(w * 7 + 2)}T03:00:00Z`),
            });
      }
      for (let t = 0; t < 60; t += 1) {
        const due = Math.floor(random.next() * 92);
        const done = random.next() < 0.85;
        const id = `t${p}-${t}`;
        tasks.push({
          id,
          workspace_id: ws,
          goal_id: null,
          parent_id: null,
          position: t,
          is_milestone: 0,
          title: `Task ${t}`,
          description: null,
          status: done ? 'done' : 'todo',
          priority: 2,
          estimate_hours: null,
          start_date: null,
          due_date: day(due),
          buffer_days: 0,
          checklist: '[]',
          labels: '[]',
          required_skills: '[]',
          recurrence_id: null,
          occurrence: null,
          completed_at: done ? Date.parse(`${day(due + (random.next() < 0.2 ? 2 : 0))}T04:00:00Z`) : null,
          created_by: null,
          created_at: now,
          updated_at: now,
        });
        roles.push(
          { workspace_id: ws, task_id: id, user_id: user, role: 'R' },
          { workspace_id: ws, task_id: id, user_id: users[(p + 1) % PEOPLE] as string, role: 'A' },
        );
      }
      for (let o = 0; o < 90; o += 1) {
        const id = `o${p}-${o}`;
        tasks.push({
          id,
          workspace_id: ws,
          goal_id: null,
          parent_id: null,
          position: 100 + o,
          is_milestone: 0,
          title: 'Daily report',
          description: null,
          status: random.next() < 0.9 ? 'done' : 'todo',
          priority: 2,
          estimate_hours: null,
          start_date: null,
          due_date: day(o),
          buffer_days: 0,
          checklist: '[]',
          labels: '[]',
          required_skills: '[]',
          recurrence_id: `rec${p}`,
          occurrence: day(o),
          completed_at: now,
          created_by: null,
          created_at: now,
          updated_at: now,
        });
        roles.push({ workspace_id: ws, task_id: id, user_id: user, role: 'R' });
      }
      for (let r = 0; r < 20; r += 1) {
        const runId = `r${p}-${r}`;
        const entered = Date.parse(`${day(Math.floor(random.next() * 90))}T02:00:00Z`);
        runs.push({
          id: runId,
          workspace_id: ws,
          process_id: 'p1',
          version_id: 'v1',
          subject: `Order ${r}`,
          status: 'completed',
          current_step_key: null,
          hold_reason: null,
          started_by: user,
          started_at: entered,
          finished_at: entered + DAY,
          updated_at: entered + DAY,
        });
        steps.push({
          id: `${runId}-s`,
          workspace_id: ws,
          run_id: runId,
          step_key: 'check',
          assignee_id: user,
          entered_at: entered,
          started_at: entered,
          completed_at: entered + random.next() * 10 * 3_600_000,
          due_at: entered + 8 * 3_600_000,
          breached_at: null,
          outcome_key: null,
          checked_items: '[]',
          field_values: '{}',
        });
      }
      await db
        .insertInto('recurrences')
        .values({
          id: `rec${p}`,
          workspace_id: ws,
          rule: 'FREQ=DAILY',
          starts_on: period.start,
          template: '{}',
          next_occurrence: null,
          skipped: '[]',
          ended_at: null,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await batch('goals', goals);
      await batch('key_results', krs);
      await batch('check_ins', checkIns);
      await batch('tasks', tasks);
      await batch('task_roles', roles);
      await batch('process_runs', runs);
      await batch('process_run_steps', steps);
    }
    console.log(
      `Seeded ${rows.toLocaleString('en')} rows for ${PEOPLE} people over ${period.start}..${period.end}.`,
    );
    const time = async (fn: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const start = performance.now();
        await fn();
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[2] as number;
    };
    await computeScorecards(db, ws, users, period, '2026-10-05', 'Asia/Shanghai'); // warm-up
    const sqlMs = await time(() => readEvidence(db, ws, users, period));
    const fullMs = await time(() => computeScorecards(db, ws, users, period, '2026-10-05', 'Asia/Shanghai'));
    const cards = await computeScorecards(db, ws, users, period, '2026-10-05', 'Asia/Shanghai');
    const evidence = [...cards.values()].reduce(
      (sum, card) => sum + card.metrics.reduce((s, m) => s + m.denominator, 0),
      0,
    );
    console.log(`Scorecards for ${PEOPLE} people (median of 5, SQLite):`);
    console.log(`  evidence SQL alone      ${sqlMs.toFixed(0)} ms`);
    console.log(
      `  pre-filled scorecards   ${fullMs.toFixed(0)} ms  (ratio ${(fullMs / sqlMs).toFixed(2)} × the SQL; ${evidence.toLocaleString('en')} counted items)`,
    );
  } finally {
    await handle.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

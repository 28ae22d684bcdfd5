import { DEFAULT_CALENDAR } from '../../core/schedule/calendar.ts';
import { stepDueAt } from '../../core/processes/sla.ts';
import { processTemplates } from '../../core/processes/templates.ts';
import type { ProcessStep } from '../../core/processes/graph.ts';
import { newId } from '../../db/ids.ts';
import type { DemoContext } from '../demo/service.ts';
import * as queries from './queries.ts';

const HOUR = 3_600_000;
/** Instants are whole milliseconds (bigint in PostgreSQL). */
const wholeMs = (value: number | null) => (value === null ? null : Math.round(value));
const SLA_OPTIONS = { calendar: DEFAULT_CALENDAR, utcOffsetMinutes: 480 };

function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Hours a step waits and is worked on, by step key: the slow queue is where the bottleneck shows. */
type Timing = Record<string, { wait: [number, number]; work: [number, number] }>;

/**
 * The feedback and order processes with a few hundred finished cases over the last three months: analysis is
 * the feedback bottleneck; payment confirmation slowed orders until version 2 moved it to the order team.
 */
export async function seedProcessesDemo(context: DemoContext): Promise<void> {
  const { services, trx, workspaceId, people } = context;
  const now = services.now();
  const random = noise(42);
  const between = ([low, high]: [number, number]) => low + (high - low) * random();
  const assigneeFor: Record<string, string | undefined> = {
    客服: people.sunhao,
    数据分析: people.lina,
    用户增长: people.wanglei,
    电商运营: people.zhaomin,
  };
  const templates = processTemplates(context.locale);

  const insertProcess = async (templateKey: string, versions: ProcessStep[][]) => {
    const template = templates.find((item) => item.key === templateKey);
    if (!template) return { id: '', versionIds: [] as string[] };
    const id = newId(now);
    const versionIds = versions.map(() => newId(now));
    await queries.insertProcess(trx, {
      id,
      workspace_id: workspaceId,
      name: template.name,
      description: template.description,
      template_key: template.key,
      current_version_id: versionIds.at(-1) ?? null,
      created_by: context.ownerId,
      created_at: now - 95 * 24 * HOUR,
      updated_at: now,
    });
    for (const [index, steps] of versions.entries()) {
      await queries.insertVersion(trx, {
        id: versionIds[index] ?? '',
        workspace_id: workspaceId,
        process_id: id,
        number: index + 1,
        steps: JSON.stringify(steps),
        created_by: context.ownerId,
        created_at: now - (95 - index * 30) * 24 * HOUR,
      });
    }
    return { id, versionIds };
  };

  const simulate = async (
    processId: string,
    versionId: string,
    steps: ProcessStep[],
    path: string[],
    count: number,
    window: { fromDaysAgo: number; toDaysAgo: number },
    timing: Timing,
    subject: (index: number) => string,
    /** Cases from this index on started in the last two days: most are still somewhere in the flow. */
    recentFrom = count,
  ) => {
    const byKey = new Map(steps.map((step) => [step.key, step]));
    for (let index = 0; index < count; index += 1) {
      const runId = newId(now);
      const span = window.fromDaysAgo - window.toDaysAgo;
      let clock = Math.round(
        index >= recentFrom
          ? now - (4 + random() * 44) * HOUR
          : now - (window.fromDaysAgo - (span * index) / count) * 24 * HOUR + random() * 6 * HOUR,
      );
      const startedAt = clock;
      const visits = [];
      let current: string | null = null;
      for (const [position, key] of path.entries()) {
        const step = byKey.get(key);
        if (!step || step.kind === 'end') break;
        const enteredAt = clock;
        const stepTiming = timing[key] ?? { wait: [0.5, 2], work: [0.5, 1] };
        const started = Math.round(enteredAt + between(stepTiming.wait) * HOUR);
        const completed = Math.round(started + between(stepTiming.work) * HOUR);
        // A case whose next step would finish in the future is still open there, started or not.
        const lastOpen = completed > now;
        const dueAt = wholeMs(stepDueAt(enteredAt, step.slaHours, SLA_OPTIONS));
        visits.push({
          id: newId(now),
          workspace_id: workspaceId,
          run_id: runId,
          step_key: key,
          // The lead takes a share of the open cases, so their own queue has something in it.
          assignee_id:
            (lastOpen && index % 2 === 0
              ? context.ownerId
              : step.owner?.type === 'role'
                ? assigneeFor[step.owner.role]
                : undefined) ?? context.ownerId,
          entered_at: enteredAt,
          started_at: lastOpen ? (started <= now ? started : null) : started,
          completed_at: lastOpen ? null : completed,
          due_at: dueAt,
          // Already past due when seeded: marked, so the SLA job does not announce old news.
          breached_at: lastOpen && dueAt !== null && dueAt < now ? dueAt : null,
          outcome_key: lastOpen
            ? null
            : (step.outcomes.find((outcome) => outcome.next === path[position + 1])?.key ?? null),
          checked_items: JSON.stringify(lastOpen ? [] : step.checklist),
          field_values: '{}',
        });
        if (lastOpen) {
          current = key;
          break;
        }
        clock = completed;
      }
      await queries.insertRun(trx, {
        id: runId,
        workspace_id: workspaceId,
        process_id: processId,
        version_id: versionId,
        subject: subject(index),
        status: current ? 'active' : 'completed',
        current_step_key: current,
        hold_reason: null,
        started_by: people.sunhao ?? context.ownerId,
        started_at: startedAt,
        finished_at: current ? null : clock,
        updated_at: clock,
      });
      await trx.insertInto('process_run_steps').values(visits).execute();
    }
  };

  const feedback = templates.find((item) => item.key === 'feedback')?.steps ?? [];
  const feedbackProcess = await insertProcess('feedback', [feedback]);
  const feedbackPath = ['collect', 'analyse', 'solve', 'reply', 'end'];
  const feedbackTiming: Timing = {
    collect: { wait: [0.2, 1.5], work: [0.2, 0.6] },
    analyse: { wait: [10, 40], work: [1, 3] },
    solve: { wait: [2, 8], work: [2, 5] },
    reply: { wait: [0.5, 3], work: [0.2, 0.5] },
  };
  const english = context.locale === 'en';
  const topics = english
    ? [
        'Check-in page does not open',
        'Coupon cannot be used',
        'Points not credited',
        'Too many push messages',
        'Delivery status not updating',
        'Membership benefits unclear',
      ]
    : ['签到页打不开', '优惠券无法使用', '积分没到账', '推送太频繁', '订单物流不更新', '会员权益看不懂'];
  await simulate(
    feedbackProcess.id,
    feedbackProcess.versionIds[0] ?? '',
    feedback,
    feedbackPath,
    220,
    { fromDaysAgo: 90, toDaysAgo: 3 },
    feedbackTiming,
    (index) =>
      `${english ? 'Feedback: ' : '用户反馈\uff1a'}${topics[index % topics.length]} #${1000 + index}`,
    212,
  );

  // Version 2 of the order process halves the payment confirmation SLA; the wait there drops with it.
  const order = templates.find((item) => item.key === 'order')?.steps ?? [];
  const orderV2 = order.map((step) => (step.key === 'payment' ? { ...step, slaHours: 1 } : step));
  const orderProcess = await insertProcess('order', [order, orderV2]);
  const orderPath = (index: number) =>
    index % 5 === 0
      ? ['accept', 'payment', 'shipping', 'aftersales', 'service', 'end']
      : ['accept', 'payment', 'shipping', 'aftersales', 'end'];
  for (const [versionIndex, config] of [
    { count: 140, window: { fromDaysAgo: 90, toDaysAgo: 31 }, payment: [6, 20] as [number, number], open: 0 },
    { count: 90, window: { fromDaysAgo: 30, toDaysAgo: 2 }, payment: [0.3, 2] as [number, number], open: 6 },
  ].entries()) {
    const steps = versionIndex === 0 ? order : orderV2;
    for (let index = 0; index < config.count; index += 1) {
      await simulate(
        orderProcess.id,
        orderProcess.versionIds[versionIndex] ?? '',
        steps,
        orderPath(index),
        1,
        {
          fromDaysAgo:
            config.window.fromDaysAgo -
            ((config.window.fromDaysAgo - config.window.toDaysAgo) * index) / config.count,
          toDaysAgo: config.window.toDaysAgo,
        },
        {
          accept: { wait: [0.1, 0.8], work: [0.1, 0.3] },
          payment: { wait: config.payment, work: [0.1, 0.3] },
          shipping: { wait: [2, 10], work: [0.5, 1] },
          aftersales: { wait: [4, 24], work: [0.1, 0.3] },
          service: { wait: [2, 12], work: [1, 4] },
        },
        () => `${english ? 'Order' : '订单'} ${20_260_000 + versionIndex * 1000 + index}`,
        index >= config.count - config.open ? 0 : 1,
      );
    }
  }
}

import { stepDueAt } from '../../core/processes/sla.ts';
import { processRoleName, processTemplates } from '../../core/processes/templates.ts';
import type { ProcessStep } from '../../core/processes/graph.ts';
import { newId } from '../../db/ids.ts';
import type { DemoContext } from '../demo/context.ts';
import * as queries from './queries.ts';
import { loadCalendar } from '../tasks/service.ts';
import { loadWorkTime } from '../workspaces/worktime.ts';
import { workingHoursOptions, zoneClock } from '../../core/schedule/worktime.ts';

const HOUR = 3_600_000;
/** Instants are whole milliseconds (bigint in PostgreSQL). */
const wholeMs = (value: number | null) => (value === null ? null : Math.round(value));

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
  // The cases' SLAs count the workspace's working hours, as live cases do.
  const workTime = await loadWorkTime(trx, services.config, workspaceId);
  const workingHours = workingHoursOptions(workTime, await loadCalendar(trx, workspaceId), services.now());
  const now = services.now();
  const random = noise(42);
  const between = ([low, high]: [number, number]) => low + (high - low) * random();
  const role = (chinese: string) => processRoleName(chinese, context.locale);
  const assigneeFor: Record<string, string | undefined> = {
    [role('客服')]: people.sunhao,
    [role('数据分析')]: people.lina,
    [role('用户增长')]: people.wanglei,
    [role('电商运营')]: people.zhaomin,
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
    /** What a case's step recorded in its form, by step key. */
    valuesFor: (stepKey: string, index: number) => Record<string, string | number> = () => ({}),
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
      const startedBy = people.sunhao ?? context.ownerId;
      // The case's history as the app writes it: who started it, and who started and completed each step.
      const events: Array<{
        type: string;
        step_key: string | null;
        actor_id: string | null;
        at: number;
        data: unknown;
      }> = [
        {
          type: 'started',
          step_key: path[0] ?? null,
          actor_id: startedBy,
          at: startedAt,
          data: { subject: subject(index) },
        },
      ];
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
        const dueAt = wholeMs(
          stepDueAt(enteredAt, step.slaHours, {
            ...workingHours,
            utcOffsetMinutes: zoneClock(workTime.timeZone).offsetMinutesAt(enteredAt),
          }),
        );
        const assigneeId =
          (lastOpen && index % 2 === 0
            ? context.ownerId
            : step.owner?.type === 'role'
              ? assigneeFor[step.owner.role]
              : undefined) ?? context.ownerId;
        const outcomeKey = lastOpen
          ? null
          : (step.outcomes.find((outcome) => outcome.next === path[position + 1])?.key ?? null);
        const values = lastOpen ? {} : valuesFor(key, index);
        if (!lastOpen || started <= now)
          events.push({ type: 'step_started', step_key: key, actor_id: assigneeId, at: started, data: null });
        if (!lastOpen)
          events.push({
            type: 'step_completed',
            step_key: key,
            actor_id: assigneeId,
            at: completed,
            data: { outcome: outcomeKey, values },
          });
        visits.push({
          id: newId(now),
          workspace_id: workspaceId,
          run_id: runId,
          step_key: key,
          // The lead takes a share of the open cases, so their own queue has something in it.
          assignee_id: assigneeId,
          entered_at: enteredAt,
          started_at: lastOpen ? (started <= now ? started : null) : started,
          completed_at: lastOpen ? null : completed,
          due_at: dueAt,
          // Already past due when seeded: marked, so the SLA job does not announce old news.
          breached_at: lastOpen && dueAt !== null && dueAt < now ? dueAt : null,
          outcome_key: outcomeKey,
          checked_items: JSON.stringify(lastOpen ? [] : step.checklist),
          field_values: JSON.stringify(values),
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
        started_by: startedBy,
        started_at: startedAt,
        finished_at: current ? null : clock,
        updated_at: clock,
      });
      await queries.insertRunSteps(trx, visits);
      if (!current)
        events.push({
          type: 'completed',
          step_key: null,
          actor_id: events.at(-1)?.actor_id ?? null,
          at: clock,
          data: null,
        });
      await queries.insertRunEvents(
        trx,
        events.map((event) => ({
          id: newId(event.at),
          workspace_id: workspaceId,
          run_id: runId,
          type: event.type,
          step_key: event.step_key,
          actor_id: event.actor_id,
          data: event.data === null ? null : JSON.stringify(event.data),
          created_at: event.at,
        })),
      );
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
  // What the collect step heard and the solve step decided, per topic, so a later step reads both.
  const summaries = english
    ? [
        'Tapping “Check in” on the home page shows a blank screen (Android 14, app 5.2.0).',
        'The ¥20 coupon is greyed out at checkout although the basket is over ¥99.',
        'Points from the order on the 3rd have not arrived after a week.',
        'Receives 4–5 pushes a day and is thinking of turning them all off.',
        'Tracking has shown “picked up” for three days without moving.',
        'Does not understand what the Gold tier adds over Silver.',
      ]
    : [
        '首页点“签到”后白屏（安卓 14，App 5.2.0）。',
        '满 99 元可用的 20 元券在结算页是灰色的，订单已满 99 元。',
        '3 号下单的积分一周了还没到账。',
        '每天收到 4～5 条推送，准备全部关掉。',
        '物流三天都停在“已揽收”，没有更新。',
        '看不懂黄金会员比白银会员多了什么权益。',
      ];
  const solutions = english
    ? [
        'Engineering fixed the null check in the check-in page; hotfix 5.2.1 ships Thursday. Credit 50 points as an apology.',
        'The coupon excluded marked-down items; the rule now counts the full basket. Re-issued the coupon.',
        'Points job skipped orders paid with a gift card; re-ran it for the 3rd to the 9th and added an alert.',
        'Capped marketing pushes at one a day and moved the rest to the in-app inbox from next week.',
        'Carrier lost the scan at the hub; asked them to trace it and offered a reshipment if not found in 24 h.',
        'Rewrote the tier page as a side-by-side table; customer service sends the link when asked.',
      ]
    : [
        '研发修复签到页空值判断，周四随 5.2.1 热更新上线；补偿 50 积分致歉。',
        '优惠券规则误排除了特价商品，已改为按整单金额判断，并为用户重新发券。',
        '积分任务漏掉了礼品卡支付的订单，已补跑 3 日至 9 日并加了告警。',
        '营销推送限制为每天 1 条，其余下周起改进站内信。',
        '承运商在分拨中心漏扫，已要求追查；24 小时内查不到就补发。',
        '会员权益页改成并排对比表，客服在用户询问时发送链接。',
      ];
  const channels = english ? ['In-app', 'Community', 'Hotline'] : ['App 内反馈', '社群', '客服热线'];
  const feedbackValues = (stepKey: string, index: number): Record<string, string | number> =>
    stepKey === 'collect'
      ? {
          channel: channels[index % channels.length] ?? '',
          summary: summaries[index % summaries.length] ?? '',
        }
      : stepKey === 'solve'
        ? { solution: solutions[index % solutions.length] ?? '' }
        : {};
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
    feedbackValues,
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
        (stepKey): Record<string, string | number> =>
          stepKey === 'payment'
            ? { amount: 59.9 + ((index * 37 + versionIndex * 11) % 400) }
            : stepKey === 'shipping'
              ? { tracking: `SF${String(1_403_260_000_000 + versionIndex * 10_000 + index * 37)}` }
              : {},
      );
    }
  }
}

import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/index.ts';
import {
  PROCESS_MESSAGES,
  checkCompletion,
  diffVersions,
  nextStep,
  validateProcess,
  type ProcessStep,
} from './graph.ts';

function step(overrides: Partial<ProcessStep> & Pick<ProcessStep, 'key' | 'name' | 'kind'>): ProcessStep {
  return { owner: null, slaHours: null, checklist: [], fields: [], outcomes: [], ...overrides };
}

function done(next: string): ProcessStep['outcomes'] {
  return [{ key: 'done', label: '完成', next }];
}

// 收集反馈 → 分析问题 → 制定解决方案 → 反馈用户, with a rework loop when a problem cannot be reproduced.
const feedbackFlow: ProcessStep[] = [
  step({ key: 'start', name: '开始', kind: 'start', outcomes: done('collect') }),
  step({
    key: 'collect',
    name: '收集反馈',
    kind: 'task',
    owner: { type: 'role', role: 'support' },
    slaHours: 8,
    checklist: ['记录用户联系方式', '标注反馈渠道'],
    fields: [
      { key: 'channel', label: '反馈渠道', type: 'choice', required: true, options: ['App', '电话', '邮件'] },
      { key: 'screenshot', label: '截图链接', type: 'link', required: false },
    ],
    outcomes: done('analyse'),
  }),
  step({
    key: 'analyse',
    name: '分析问题',
    kind: 'task',
    owner: { type: 'skill', skill: 'data-analysis' },
    slaHours: 16,
    fields: [{ key: 'rootCause', label: '根本原因', type: 'text', required: true }],
    outcomes: [
      { key: 'done', label: '完成', next: 'plan' },
      { key: 'not_reproducible', label: '无法复现', next: 'collect' },
    ],
  }),
  step({
    key: 'plan',
    name: '制定解决方案',
    kind: 'task',
    owner: { type: 'role', role: 'product' },
    slaHours: 24,
    fields: [
      { key: 'dueDate', label: '计划完成日期', type: 'date', required: true },
      { key: 'estimate', label: '预计工时', type: 'number', required: true },
    ],
    outcomes: done('reply'),
  }),
  step({
    key: 'reply',
    name: '反馈用户',
    kind: 'task',
    owner: { type: 'role', role: 'support' },
    slaHours: 4,
    outcomes: done('end'),
  }),
  step({ key: 'end', name: '结束', kind: 'end' }),
];

// 接单 → 付款确认 → 物流安排 → 售后服务? yes → 退款处理 / no → 反馈用户.
const orderFlow: ProcessStep[] = [
  step({ key: 'start', name: '下单', kind: 'start', outcomes: done('accept') }),
  step({
    key: 'accept',
    name: '接单',
    kind: 'task',
    owner: { type: 'person', userId: 'u-ops-1' },
    slaHours: 2,
    outcomes: done('payment'),
  }),
  step({
    key: 'payment',
    name: '付款确认',
    kind: 'task',
    owner: { type: 'role', role: 'finance' },
    slaHours: 4,
    fields: [{ key: 'amount', label: '实付金额', type: 'number', required: true }],
    outcomes: done('shipping'),
  }),
  step({
    key: 'shipping',
    name: '物流安排',
    kind: 'task',
    owner: { type: 'role', role: 'logistics' },
    slaHours: 24,
    checklist: ['核对收货地址', '打包拍照'],
    fields: [
      { key: 'tracking', label: '物流单号链接', type: 'link', required: true },
      { key: 'carrier', label: '承运商', type: 'choice', required: false, options: ['顺丰', '京东', '中通'] },
    ],
    outcomes: done('aftersales'),
  }),
  step({
    key: 'aftersales',
    name: '售后服务?',
    kind: 'decision',
    owner: { type: 'role', role: 'service' },
    slaHours: 8,
    outcomes: [
      { key: 'yes', label: '需要退款', next: 'refund' },
      { key: 'no', label: '无需退款', next: 'notify' },
    ],
  }),
  step({
    key: 'refund',
    name: '退款处理',
    kind: 'task',
    owner: { type: 'role', role: 'finance' },
    slaHours: 8,
    outcomes: done('end'),
  }),
  step({
    key: 'notify',
    name: '反馈用户',
    kind: 'task',
    owner: { type: 'role', role: 'service' },
    slaHours: 4,
    outcomes: done('end'),
  }),
  step({ key: 'end', name: '完成', kind: 'end' }),
];

function replaceStep(
  steps: readonly ProcessStep[],
  key: string,
  change: Partial<ProcessStep>,
): ProcessStep[] {
  return steps.map((candidate) => (candidate.key === key ? { ...candidate, ...change } : candidate));
}

describe('validateProcess', () => {
  it('accepts both fixture flows, including a rework loop', () => {
    expect(validateProcess(feedbackFlow)).toEqual([]);
    expect(validateProcess(orderFlow)).toEqual([]);
  });

  it('reports a missing start and, without one, no unreachable steps', () => {
    const steps = feedbackFlow.filter((candidate) => candidate.kind !== 'start');
    expect(validateProcess(steps)).toEqual([{ code: 'process_no_start', params: {} }]);
  });

  it('reports several starts once, naming them, and reaches steps from all of them', () => {
    const steps = [
      ...orderFlow,
      step({ key: 'phone', name: '电话下单', kind: 'start', outcomes: done('accept') }),
    ];
    expect(validateProcess(steps)).toEqual([
      {
        code: 'process_many_starts',
        params: { count: 2, stepKeys: 'start, phone', stepNames: '下单, 电话下单' },
      },
    ]);
  });

  it('reports a missing end, and as dead ends only the steps without outcomes', () => {
    const steps = replaceStep(
      feedbackFlow.filter((candidate) => candidate.kind !== 'end'),
      'reply',
      { outcomes: [] },
    );
    expect(validateProcess(steps)).toEqual([
      { code: 'process_no_end', params: {} },
      { code: 'process_dead_end', params: { stepKey: 'reply', stepName: '反馈用户' } },
    ]);
  });

  it('reports duplicate step keys, and the first step with the key is the one that counts', () => {
    const steps = [...feedbackFlow, step({ key: 'plan', name: '重复', kind: 'task' })];
    expect(validateProcess(steps)).toEqual([
      { code: 'process_duplicate_key', params: { stepKey: 'plan', count: 2 } },
    ]);
  });

  it('reports an outcome leading to a missing step, and the dead end it leaves', () => {
    const steps = replaceStep(orderFlow, 'refund', { outcomes: done('close') });
    expect(validateProcess(steps)).toEqual([
      {
        code: 'process_unknown_next',
        params: {
          stepKey: 'refund',
          stepName: '退款处理',
          outcomeKey: 'done',
          outcomeLabel: '完成',
          next: 'close',
        },
      },
      { code: 'process_dead_end', params: { stepKey: 'refund', stepName: '退款处理' } },
    ]);
  });

  it('reports steps the start cannot reach', () => {
    const steps = [
      ...feedbackFlow,
      step({
        key: 'archive',
        name: '归档',
        kind: 'task',
        owner: { type: 'role', role: 'support' },
        outcomes: done('end'),
      }),
    ];
    expect(validateProcess(steps)).toEqual([
      { code: 'process_unreachable', params: { stepKey: 'archive', stepName: '归档' } },
    ]);
  });

  it('names every step of a loop with no way out as a dead end', () => {
    // 分析问题 ⇄ 收集反馈 with no way to 制定解决方案: the loop and the start feeding it never finish.
    const steps = replaceStep(feedbackFlow, 'analyse', {
      outcomes: [
        { key: 'more', label: '补充信息', next: 'collect' },
        { key: 'again', label: '重新分析', next: 'analyse' },
      ],
    });
    expect(validateProcess(steps)).toEqual([
      { code: 'process_unreachable', params: { stepKey: 'plan', stepName: '制定解决方案' } },
      { code: 'process_unreachable', params: { stepKey: 'reply', stepName: '反馈用户' } },
      { code: 'process_unreachable', params: { stepKey: 'end', stepName: '结束' } },
      { code: 'process_dead_end', params: { stepKey: 'start', stepName: '开始' } },
      { code: 'process_dead_end', params: { stepKey: 'collect', stepName: '收集反馈' } },
      { code: 'process_dead_end', params: { stepKey: 'analyse', stepName: '分析问题' } },
    ]);
  });

  it('reports a task or decision without an owner rule, but not a start or end', () => {
    const steps = replaceStep(replaceStep(orderFlow, 'payment', { owner: null }), 'aftersales', {
      owner: null,
    });
    expect(validateProcess(steps)).toEqual([
      { code: 'process_no_owner', params: { stepKey: 'payment', stepName: '付款确认' } },
      { code: 'process_no_owner', params: { stepKey: 'aftersales', stepName: '售后服务?' } },
    ]);
  });

  it('reports a decision with fewer than two outcomes', () => {
    const steps = replaceStep(orderFlow, 'aftersales', {
      outcomes: [{ key: 'no', label: '无需退款', next: 'notify' }],
    });
    expect(validateProcess(steps)).toEqual([
      {
        code: 'process_decision_outcomes',
        params: { stepKey: 'aftersales', stepName: '售后服务?', count: 1 },
      },
      { code: 'process_unreachable', params: { stepKey: 'refund', stepName: '退款处理' } },
    ]);
  });

  it('reports an SLA that is not a positive number of hours', () => {
    const steps = replaceStep(replaceStep(orderFlow, 'accept', { slaHours: 0 }), 'payment', {
      slaHours: Number.NaN,
    });
    expect(validateProcess(steps)).toEqual([
      { code: 'process_invalid_sla', params: { stepKey: 'accept', stepName: '接单', value: '0' } },
      { code: 'process_invalid_sla', params: { stepKey: 'payment', stepName: '付款确认', value: 'NaN' } },
    ]);
  });

  it('reports a choice field without options (blank options do not count)', () => {
    const steps = replaceStep(orderFlow, 'shipping', {
      fields: [
        { key: 'carrier', label: '承运商', type: 'choice', required: true, options: [' '] },
        { key: 'warehouse', label: '仓库', type: 'choice', required: false },
      ],
    });
    expect(validateProcess(steps)).toEqual([
      {
        code: 'process_field_options',
        params: { stepKey: 'shipping', stepName: '物流安排', fieldKey: 'carrier', fieldLabel: '承运商' },
      },
      {
        code: 'process_field_options',
        params: { stepKey: 'shipping', stepName: '物流安排', fieldKey: 'warehouse', fieldLabel: '仓库' },
      },
    ]);
  });

  it('reports repeated outcome and field keys within a step, and outcomes on an end step', () => {
    const steps = replaceStep(
      replaceStep(orderFlow, 'aftersales', {
        outcomes: [
          { key: 'yes', label: '需要退款', next: 'refund' },
          { key: 'yes', label: '无需退款', next: 'notify' },
        ],
        fields: [
          { key: 'note', label: '备注', type: 'text', required: false },
          { key: 'note', label: '说明', type: 'text', required: false },
        ],
      }),
      'end',
      { outcomes: done('start') },
    );
    expect(validateProcess(steps)).toEqual([
      {
        code: 'process_duplicate_field',
        params: { stepKey: 'aftersales', stepName: '售后服务?', fieldKey: 'note' },
      },
      {
        code: 'process_duplicate_outcome',
        params: { stepKey: 'aftersales', stepName: '售后服务?', outcomeKey: 'yes' },
      },
      { code: 'process_end_outcomes', params: { stepKey: 'end', stepName: '完成', count: 1 } },
    ]);
  });

  it('says an empty process has neither start nor end', () => {
    expect(validateProcess([])).toEqual([
      { code: 'process_no_start', params: {} },
      { code: 'process_no_end', params: {} },
    ]);
  });
});

describe('nextStep', () => {
  it('follows the chosen outcome of a decision', () => {
    expect(nextStep(orderFlow, 'aftersales', 'yes')).toMatchObject({
      ok: true,
      step: { key: 'refund', name: '退款处理' },
    });
    expect(nextStep(orderFlow, 'aftersales', 'no')).toMatchObject({ ok: true, step: { key: 'notify' } });
    expect(nextStep(feedbackFlow, 'analyse', 'not_reproducible')).toMatchObject({
      ok: true,
      step: { key: 'collect' },
    });
  });

  it('says why a run cannot move', () => {
    expect(nextStep(orderFlow, 'nope', 'done')).toEqual({
      ok: false,
      code: 'process_unknown_step',
      params: { stepKey: 'nope' },
    });
    expect(nextStep(orderFlow, 'end', 'done')).toEqual({
      ok: false,
      code: 'process_unknown_outcome',
      params: { stepKey: 'end', stepName: '完成', outcomeKey: 'done' },
    });
    expect(nextStep(replaceStep(orderFlow, 'refund', { outcomes: done('gone') }), 'refund', 'done')).toEqual({
      ok: false,
      code: 'process_unknown_next',
      params: {
        stepKey: 'refund',
        stepName: '退款处理',
        outcomeKey: 'done',
        outcomeLabel: '完成',
        next: 'gone',
      },
    });
  });
});

function stepOf(steps: readonly ProcessStep[], key: string): ProcessStep {
  const found = steps.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`no step ${key}`);
  return found;
}

describe('checkCompletion', () => {
  const shipping = stepOf(orderFlow, 'shipping');

  it('passes a step with every item ticked and valid values', () => {
    expect(
      checkCompletion(shipping, {
        checkedItems: ['打包拍照', '核对收货地址'],
        values: { tracking: 'https://www.sf-express.com/waybill/SF123', carrier: '顺丰' },
      }),
    ).toEqual([]);
    expect(
      checkCompletion(stepOf(feedbackFlow, 'plan'), {
        checkedItems: [],
        values: { dueDate: '2025-02-28', estimate: 0 },
      }),
    ).toEqual([]);
  });

  it('lists unticked items, then missing fields; blank text is missing and an optional field may stay empty', () => {
    expect(
      checkCompletion(shipping, {
        checkedItems: ['核对收货地址'],
        values: { tracking: '  ', carrier: null },
      }),
    ).toEqual([
      { code: 'completion_unchecked', params: { stepKey: 'shipping', item: '打包拍照', index: 1 } },
      {
        code: 'completion_missing_field',
        params: { stepKey: 'shipping', fieldKey: 'tracking', fieldLabel: '物流单号链接' },
      },
    ]);
  });

  it('checks each field type, on optional fields too when filled in', () => {
    const form = step({
      key: 'form',
      name: '表单',
      kind: 'task',
      fields: [
        { key: 'note', label: '备注', type: 'text', required: true },
        { key: 'amount', label: '金额', type: 'number', required: true },
        { key: 'day', label: '日期', type: 'date', required: false },
        { key: 'channel', label: '渠道', type: 'choice', required: true, options: ['App', '电话'] },
        { key: 'link', label: '链接', type: 'link', required: false },
      ],
    });
    const base = { stepKey: 'form' };
    expect(
      checkCompletion(form, {
        checkedItems: [],
        values: {
          note: 42,
          amount: '12',
          day: '2025-02-30',
          channel: '邮件',
          link: 'ftp://example.com/file',
        },
      }),
    ).toEqual([
      { code: 'completion_invalid_text', params: { ...base, fieldKey: 'note', fieldLabel: '备注' } },
      { code: 'completion_invalid_number', params: { ...base, fieldKey: 'amount', fieldLabel: '金额' } },
      { code: 'completion_invalid_date', params: { ...base, fieldKey: 'day', fieldLabel: '日期' } },
      {
        code: 'completion_invalid_choice',
        params: { ...base, fieldKey: 'channel', fieldLabel: '渠道', options: 'App, 电话' },
      },
      { code: 'completion_invalid_link', params: { ...base, fieldKey: 'link', fieldLabel: '链接' } },
    ]);
    const invalid = (values: Record<string, unknown>): string[] =>
      checkCompletion(form, {
        checkedItems: [],
        values: { note: 'ok', amount: 1, channel: 'App', ...values },
      }).map((issue) => issue.code);
    expect(invalid({ amount: Number.POSITIVE_INFINITY })).toEqual(['completion_invalid_number']);
    expect(invalid({ day: '2025-2-3' })).toEqual(['completion_invalid_date']);
    expect(invalid({ day: '2024-02-29' })).toEqual([]);
    expect(invalid({ link: 'http://' })).toEqual(['completion_invalid_link']);
    expect(invalid({ link: 'not a url' })).toEqual(['completion_invalid_link']);
    expect(invalid({ link: 'http://intranet/报告' })).toEqual([]);
  });

  it('does not take an inherited property for a value', () => {
    const form = step({
      key: 'form',
      name: '表单',
      kind: 'task',
      fields: [{ key: 'toString', label: '说明', type: 'text', required: true }],
    });
    expect(checkCompletion(form, { checkedItems: [], values: {} }).map((issue) => issue.code)).toEqual([
      'completion_missing_field',
    ]);
  });
});

describe('diffVersions', () => {
  it('finds nothing between a version and itself', () => {
    expect(diffVersions(orderFlow, orderFlow)).toEqual({
      added: [],
      removed: [],
      changed: [],
      unchangedKeys: orderFlow.map((candidate) => candidate.key),
    });
  });

  it('lists added, removed and changed steps with what changed in each', () => {
    // 流程再造: payment is confirmed automatically, after-sales gets a 48 h SLA and a review step for refunds.
    const revised = orderFlow
      .filter((candidate) => candidate.key !== 'payment')
      .map((candidate): ProcessStep => {
        switch (candidate.key) {
          case 'accept':
            return {
              ...candidate,
              name: '接单确认',
              owner: { type: 'role', role: 'ops' },
              outcomes: done('shipping'),
            };
          case 'shipping':
            return {
              ...candidate,
              checklist: ['打包拍照', '核对收货地址', '通知用户'],
              fields: [
                { key: 'tracking', label: '物流单号链接', type: 'link', required: true },
                {
                  key: 'carrier',
                  label: '承运商',
                  type: 'choice',
                  required: true,
                  options: ['顺丰', '京东', '中通'],
                },
                { key: 'weight', label: '重量(kg)', type: 'number', required: false },
              ],
            };
          case 'aftersales':
            return {
              ...candidate,
              slaHours: 48,
              outcomes: [
                { key: 'yes', label: '需要退款', next: 'review' },
                { key: 'no', label: '无需退款', next: 'notify' },
                { key: 'exchange', label: '换货', next: 'shipping' },
              ],
            };
          default:
            return candidate;
        }
      });
    revised.push(
      step({
        key: 'review',
        name: '退款审核',
        kind: 'task',
        owner: { type: 'role', role: 'finance-lead' },
        outcomes: done('refund'),
      }),
    );
    const diff = diffVersions(orderFlow, revised);
    expect(diff.added.map((candidate) => candidate.key)).toEqual(['review']);
    expect(diff.removed.map((candidate) => candidate.key)).toEqual(['payment']);
    expect(diff.unchangedKeys).toEqual(['start', 'refund', 'notify', 'end']);
    expect(diff.changed.map(({ key, changes }) => ({ key, changes }))).toEqual([
      {
        key: 'accept',
        changes: [
          { aspect: 'name', before: '接单', after: '接单确认' },
          {
            aspect: 'owner',
            before: { type: 'person', userId: 'u-ops-1' },
            after: { type: 'role', role: 'ops' },
          },
          { aspect: 'outcomes', added: [], removed: [], changed: ['done'] },
        ],
      },
      {
        key: 'shipping',
        changes: [
          { aspect: 'checklist', added: ['通知用户'], removed: [], reordered: true },
          { aspect: 'fields', added: ['weight'], removed: [], changed: ['carrier'] },
        ],
      },
      {
        key: 'aftersales',
        changes: [
          { aspect: 'slaHours', before: 8, after: 48 },
          { aspect: 'outcomes', added: ['exchange'], removed: [], changed: ['yes'] },
        ],
      },
    ]);
  });

  it('reports a changed kind and removed checklist items, fields and outcomes', () => {
    const before = [
      step({
        key: 'check',
        name: '检查',
        kind: 'decision',
        checklist: ['a', 'b'],
        fields: [{ key: 'x', label: 'X', type: 'text', required: false }],
        outcomes: [
          { key: 'ok', label: '通过', next: 'end' },
          { key: 'fail', label: '不通过', next: 'end' },
        ],
      }),
    ];
    const after = [
      step({ key: 'check', name: '检查', kind: 'task', checklist: ['b'], outcomes: done('end') }),
    ];
    expect(diffVersions(before, after).changed[0]?.changes).toEqual([
      { aspect: 'kind', before: 'decision', after: 'task' },
      { aspect: 'checklist', added: [], removed: ['a'], reordered: false },
      { aspect: 'fields', added: [], removed: ['x'], changed: [] },
      { aspect: 'outcomes', added: ['done'], removed: ['ok', 'fail'], changed: [] },
    ]);
  });

  it('reports a new description, and treats a missing one as empty', () => {
    const plain = step({ key: 'check', name: '检查', kind: 'task', outcomes: done('end') });
    const before = [plain];
    const after = [
      step({ key: 'check', name: '检查', kind: 'task', description: '看截图', outcomes: done('end') }),
    ];
    expect(diffVersions(before, after).changed[0]?.changes).toEqual([
      { aspect: 'description', before: '', after: '看截图' },
    ]);
    expect(diffVersions(before, [{ ...plain, description: '' }]).changed).toEqual([]);
  });
});

describe('PROCESS_MESSAGES', () => {
  it('has the same message keys in both languages', () => {
    expect(Object.keys(PROCESS_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(PROCESS_MESSAGES.en).sort());
  });

  it('fills every placeholder of an issue in both languages', () => {
    const [issue] = validateProcess(replaceStep(orderFlow, 'aftersales', { outcomes: [] }));
    if (issue === undefined) throw new Error('expected an issue');
    expect(interpolate(PROCESS_MESSAGES.en[issue.code], issue.params)).toBe(
      'Decision "售后服务?" has 0 outcome(s); a decision needs at least 2.',
    );
    expect(interpolate(PROCESS_MESSAGES['zh-CN'][issue.code], issue.params)).toBe(
      '判断步骤“售后服务?”只有 0 个结果，至少需要 2 个。',
    );
  });
});

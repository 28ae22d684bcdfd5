import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../i18n/en.ts';
import { zhCN } from '../../../i18n/zh-CN.ts';
import type { ProcessStep } from '../hooks.ts';
import { describeStepChanges, type ChangeContext } from './describeChanges.ts';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
});

const analyse: ProcessStep = {
  key: 'analyse',
  name: '分析问题',
  kind: 'task',
  owner: { type: 'role', role: '客服' },
  slaHours: 8,
  checklist: ['确认影响范围'],
  fields: [{ key: 'cause', label: '根因', type: 'text', required: true }],
  outcomes: [{ key: 'done', label: '完成', next: 'solve' }],
};

function context(language: string): ChangeContext {
  const t = i18n.getFixedT(language);
  return { t, memberName: (userId) => (userId === 'u1' ? '李娜' : userId), number: (value) => String(value) };
}

describe('describeStepChanges', () => {
  it('says what changed in a step, in the words of an operations team', () => {
    const after: ProcessStep = {
      ...analyse,
      owner: { type: 'skill', skill: '用户访谈' },
      slaHours: 24,
      checklist: ['确认影响范围', '附上复现录屏'],
      fields: [{ key: 'impact', label: '影响用户数', type: 'number', required: false }],
    };
    const lines = describeStepChanges(
      [
        { aspect: 'owner', before: analyse.owner, after: after.owner },
        { aspect: 'slaHours', before: 8, after: 24 },
        { aspect: 'checklist', added: ['附上复现录屏'], removed: [], reordered: false },
        { aspect: 'fields', added: ['impact'], removed: ['cause'], changed: [] },
      ],
      analyse,
      after,
      context('zh-CN'),
    );
    expect(lines).toEqual([
      '负责人：角色 客服 → 技能 用户访谈',
      '时限 8 → 24 小时',
      '新增检查项：附上复现录屏',
      '新增填写项：影响用户数',
      '删除填写项：根因',
    ]);
  });

  it('names a person owner and a deadline that was taken away, in English too', () => {
    const after: ProcessStep = { ...analyse, owner: { type: 'person', userId: 'u1' }, slaHours: null };
    const lines = describeStepChanges(
      [
        { aspect: 'owner', before: analyse.owner, after: after.owner },
        { aspect: 'slaHours', before: 8, after: null },
        { aspect: 'checklist', added: [], removed: [], reordered: true },
      ],
      analyse,
      after,
      context('en'),
    );
    expect(lines).toEqual(['Owner: role 客服 → member 李娜', 'Deadline 8 h → none', 'Checklist reordered']);
  });
});

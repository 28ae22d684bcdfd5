import type { Role } from '../../core/permissions/index.ts';

/** The demo's user-growth team (用户增长运营团队); later modules give them goals, tasks and processes. */
export const DEMO_TEAM: ReadonlyArray<{
  key: string;
  name: string;
  title: string;
  role: Role;
  capacity: number;
}> = [
  { key: 'wanglei', name: '王磊', title: '用户增长经理', role: 'manager', capacity: 40 },
  { key: 'lina', name: '李娜', title: '数据分析师', role: 'member', capacity: 40 },
  { key: 'zhangwei', name: '张伟', title: '内容运营', role: 'member', capacity: 40 },
  { key: 'liuyang', name: '刘洋', title: '社群运营', role: 'member', capacity: 40 },
  { key: 'chenjing', name: '陈静', title: '活动运营', role: 'member', capacity: 36 },
  { key: 'zhaomin', name: '赵敏', title: '电商运营', role: 'member', capacity: 40 },
  { key: 'sunhao', name: '孙浩', title: '客服主管', role: 'admin', capacity: 40 },
  { key: 'zhouting', name: '周婷', title: '运营实习生', role: 'viewer', capacity: 20 },
];

export const DEMO_OWNER_TITLE = '运营负责人';

export const DEMO_WORKSPACE_NAME = {
  'zh-CN': '用户增长运营团队（示例）',
  en: 'User Growth Ops Team (demo)',
} as const;

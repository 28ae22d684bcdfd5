import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { as, signUpUser, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../core/plan/fixtures/${name}`, import.meta.url), 'utf8');

const t = useTestTeam(['member']);

const url = (suffix: string, id = t.workspaceId) => `/api/v1/w/${id}${suffix}`;

function postYaml(user: TestUser, yaml: string, query = '', id = t.workspaceId) {
  return t.app.inject(
    as(user, {
      method: 'POST',
      url: url(`/plan/import${query}`, id),
      headers: { 'content-type': 'application/yaml' },
      payload: yaml,
    }),
  );
}

/** The clean fixture with this team's e-mails in place of its people. */
function cleanPlan() {
  return fixture('clean.plan.yaml')
    .replaceAll('lead@example.com', t.owner.email)
    .replaceAll('analyst@example.com', t.member.email)
    .replace('role: member\n', 'role: member\n    title: Analyst\n');
}

async function count(table: 'tasks' | 'goals' | 'kpis' | 'processes' | 'recurrences') {
  const rows = await t.database.db
    .selectFrom(table)
    .select('id')
    .where('workspace_id', '=', t.workspaceId)
    .execute();
  return rows.length;
}

describe('plan import', () => {
  it('reports on a dry run without writing, then imports everything in one go', async () => {
    const dry = await postYaml(t.owner, cleanPlan(), '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      created: { kpis: 1, goals: 1, keyResults: 1, tasks: 2, dependencies: 1, processes: 1, routines: 1 },
    });
    expect(dry.json().items.map((item: { key: string }) => item.key)).toEqual([
      'signups',
      'growth',
      't1',
      't2',
      'feedback',
      'daily-check',
    ]);
    expect(await count('tasks')).toBe(0);
    expect(await count('kpis')).toBe(0);

    const real = await postYaml(t.owner, cleanPlan());
    expect(real.statusCode).toBe(200);
    expect(real.json().dryRun).toBe(false);
    expect(await count('goals')).toBe(1);
    expect(await count('processes')).toBe(1);
    // The plan's keys come back on export, and the member's title was set.
    const exported = await t.app.inject(as(t.owner, { method: 'GET', url: url('/plan/export?format=json') }));
    const { plan } = exported.json();
    expect(plan.goals[0]).toMatchObject({ key: 'growth', owner: t.owner.email });
    expect(plan.tasks.map((task: { key: string }) => task.key)).toEqual(['t1', 't2']);
    expect(plan.tasks[1].dependsOn).toEqual([{ task: 't1' }]);
    expect(plan.processes[0].key).toBe('feedback');
    expect(plan.routines[0].key).toBe('daily-check');
    expect(plan.cadence).toEqual({ checkIns: 'weekly', kpiReview: 'weekly', retrospective: 'monthly' });
    expect(plan.people.find((person: { email: string }) => person.email === t.member.email).title).toBe(
      'Analyst',
    );
  });

  it('accepts the plan as JSON too', async () => {
    const json = await t.app.inject(as(t.owner, { method: 'GET', url: url('/plan/export?format=json') }));
    const plan = {
      ...json.json().plan,
      kpis: [
        {
          key: 'x',
          name: 'X',
          direction: 'higher',
          aggregation: 'sum',
          frequency: 'day',
          owner: t.owner.email,
          green: 1,
        },
      ],
    };
    const response = await t.app.inject(
      as(t.owner, { method: 'POST', url: url('/plan/import?dryRun=true'), payload: plan }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().created.kpis).toBe(1);
  });

  it('refuses bad input with the line and field, in the caller’s language, and imports nothing', async () => {
    const good = cleanPlan();
    const cases: Array<[string, string, RegExp]> = [
      ['syntax', good.replace('name: Clean plan', 'name: [Clean plan'), /^\d+:\d+ YAML 语法错误/],
      [
        'unknown field',
        good.replace('    estimateHours: 24', '    estimate: 24'),
        /^42:5 未知字段：estimate。/,
      ],
      ['wrong type', good.replace('estimateHours: 24', 'estimateHours: lots'), /^42:20 应为数字。/],
      [
        'missing person',
        good.replace(
          `accountable: [${t.owner.email}]\n  - key: t2`,
          'accountable: [ghost@example.com]\n  - key: t2',
        ),
        /“ghost@example.com”不在计划的人员名单中。 \[plan-unknown-person\]/,
      ],
      ['missing task', good.replace('- task: t1', '- task: t9'), /任务“t9”在计划中不存在。/],
    ];
    for (const [name, yaml, expected] of cases) {
      const response = await t.app.inject(
        as(t.owner, {
          method: 'POST',
          url: url('/plan/import'),
          headers: { 'content-type': 'application/yaml', 'accept-language': 'zh-CN' },
          payload: yaml,
        }),
      );
      expect(response.statusCode, name).toBe(400);
      expect(response.json().error.code, name).toBe('plan_invalid');
      expect(response.json().error.message, name).toMatch(/计划中有 \d+ 处问题，未导入任何内容。/);
      expect(
        response
          .json()
          .error.fields.map((field: { message: string }) => field.message)
          .join('\n'),
        name,
      ).toMatch(expected);
    }
    expect(await count('tasks')).toBe(0);
    expect(await count('goals')).toBe(0);
  });

  it('names people who are not members, and rolls back a failure halfway', async () => {
    const stranger = cleanPlan()
      .replace(`email: ${t.member.email}`, 'email: newcomer@example.com')
      .replaceAll(t.member.email, 'newcomer@example.com');
    const missing = await postYaml(t.owner, stranger);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('plan_people_missing');
    expect(missing.json().error.message).toContain('newcomer@example.com');
    // The KPI key exists already: the goals and tasks before the failure must not stay.
    await postYaml(t.owner, cleanPlan());
    const again = await postYaml(t.owner, cleanPlan());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0].path).toBe('kpis[0].key');
    expect(await count('goals')).toBe(1);
    expect(await count('tasks')).toBe(2);
  });

  it('refuses a member (403) and another workspace (404)', async () => {
    expect((await postYaml(t.member, cleanPlan())).statusCode).toBe(403);
    const stranger = await signUpUser(t.app);
    expect((await postYaml(stranger, cleanPlan())).statusCode).toBe(404);
  });
});

describe('plan round trip', () => {
  it('export → import into an empty workspace → export gives the same YAML', async () => {
    const demo = await t.app.inject(
      as(t.owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'zh-CN' } }),
    );
    const source = demo.json().workspace;
    const first = await t.app.inject(as(t.owner, { method: 'GET', url: url('/plan/export', source.id) }));
    expect(first.statusCode).toBe(200);

    // An empty workspace of the same name with the same people in the same roles.
    const created = await t.app.inject(
      as(t.owner, { method: 'POST', url: '/api/v1/workspaces', payload: { name: source.name } }),
    );
    const target = created.json().workspace.id as string;
    const members = await t.database.db
      .selectFrom('memberships')
      .selectAll()
      .where('workspace_id', '=', source.id)
      .where('user_id', '!=', t.owner.id)
      .execute();
    for (const row of members) {
      await t.database.db
        .insertInto('memberships')
        .values({ ...row, workspace_id: target })
        .execute();
    }
    const imported = await postYaml(t.owner, first.body, '', target);
    expect(imported.statusCode).toBe(200);
    expect(imported.json().created.tasks).toBeGreaterThan(30);

    const second = await t.app.inject(as(t.owner, { method: 'GET', url: url('/plan/export', target) }));
    expect(second.body).toBe(first.body);
  });
});

describe('plan health', () => {
  it('scores the live workspace by chapter with the findings and the ids they link to', async () => {
    const empty = await t.app.inject(as(t.member, { method: 'GET', url: url('/plan/health') }));
    expect(empty.statusCode).toBe(200);
    expect(empty.json().score).toBeLessThan(20);
    await postYaml(t.owner, cleanPlan());
    const health = await t.app.inject(as(t.member, { method: 'GET', url: url('/plan/health') }));
    const body = health.json();
    expect(body.score).toBe(100);
    expect(body.chapters.map((chapter: { chapter: string }) => chapter.chapter)).toEqual([
      'goals',
      'tasks',
      'schedule',
      'processes',
      'kpis',
      'cadence',
    ]);
    // Ids only for what the findings name: a clean plan names nothing.
    expect(body.ids.tasks).toEqual({});
    // A task without a due date costs the schedule chapter some points.
    const tasks = (await t.app.inject(as(t.member, { method: 'GET', url: url('/tasks') }))).json();
    const taskId = tasks.items.find((task: { title: string }) => task.title === 'Review the campaign').id;
    await t.app.inject(
      as(t.owner, {
        method: 'PATCH',
        url: url(`/tasks/${taskId}`),
        payload: { dueDate: null, startDate: null },
      }),
    );
    const after = (await t.app.inject(as(t.member, { method: 'GET', url: url('/plan/health') }))).json();
    const schedule = after.chapters.find((chapter: { chapter: string }) => chapter.chapter === 'schedule');
    expect(
      schedule.findings.map((finding: { rule: string; subject: string }) => [finding.rule, finding.subject]),
    ).toEqual([['task-no-dates', 't2']]);
    expect(schedule.total).toBe(1);
    expect(after.ids.tasks).toEqual({ t2: taskId });
    expect(after.score).toBeLessThan(100);
  });
});

describe('plan health at scale', () => {
  it('keeps its answer until a write here, a task change anywhere or a minute has passed', async () => {
    await postYaml(t.owner, cleanPlan());
    const read = async () =>
      (await t.app.inject(as(t.member, { method: 'GET', url: url('/plan/health') }))).json();
    expect((await read()).score).toBe(100);
    const db = t.database.db;
    // Another instance drops the routine: this one's answer stands until it is a minute old.
    await db.deleteFrom('recurrences').where('workspace_id', '=', t.workspaceId).execute();
    expect((await read()).score).toBe(100);
    t.clock.advance(61_000);
    const aged = await read();
    const cadence = aged.chapters.find((chapter: { chapter: string }) => chapter.chapter === 'cadence');
    expect(cadence.findings.map((finding: { rule: string }) => finding.rule)).toEqual(['plan-no-routines']);
    // A task changed elsewhere moves the plan revision every instance reads: seen at once.
    await db
      .updateTable('tasks')
      .set({ due_date: null, start_date: null })
      .where('workspace_id', '=', t.workspaceId)
      .execute();
    const schedule = (await read()).chapters.find(
      (chapter: { chapter: string }) => chapter.chapter === 'schedule',
    );
    expect(schedule.total).toBe(2);
  });

  it('lists the first page of each chapter, pages the rest and counts them all', async () => {
    const many = Array.from(
      { length: 230 },
      (_, index) =>
        `  - key: x${index + 1}\n    title: Extra task ${index + 1}\n    goal: growth\n` +
        `    raci:\n      responsible: [analyst@example.com]\n      accountable: [lead@example.com]\n`,
    ).join('');
    const posted = await postYaml(
      t.owner,
      cleanPlan().replace(
        'tasks:\n',
        `tasks:\n${many.replaceAll('analyst@example.com', t.member.email).replaceAll('lead@example.com', t.owner.email)}`,
      ),
    );
    expect(posted.statusCode).toBe(200);
    type Finding = { subject: string; severity: 'error' | 'warning' | 'info'; rule: string };
    type Ids = { tasks: Record<string, string> };
    const body = (await t.app.inject(as(t.member, { method: 'GET', url: url('/plan/health') }))).json();
    const schedule = body.chapters.find((chapter: { chapter: string }) => chapter.chapter === 'schedule');
    expect(schedule.total).toBe(230);
    expect(schedule.findings).toHaveLength(8);
    expect(body.counts.error + body.counts.warning + body.counts.info).toBeGreaterThanOrEqual(230);
    // Links only for the tasks the listed findings name.
    const named = new Set(schedule.findings.map((finding: Finding) => finding.subject));
    expect(Object.keys(body.ids.tasks).every((key) => named.has(key))).toBe(true);
    expect(Object.keys(body.ids.tasks).length).toBeGreaterThan(0);

    // Every finding, page by page, from the same computation: the first page is the answer's, none twice.
    const pages: Finding[] = [];
    for (let offset = 0; ; offset += 50) {
      const response = await t.app.inject(
        as(t.member, {
          method: 'GET',
          url: url(`/plan/health/findings?chapter=schedule&offset=${offset}&limit=50`),
        }),
      );
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { total: number; findings: Finding[]; ids: Ids };
      expect(page.total).toBe(230);
      expect(Object.keys(page.ids.tasks).sort()).toEqual(
        [...new Set(page.findings.map((finding) => finding.subject))].sort(),
      );
      pages.push(...page.findings);
      if (page.findings.length < 50) break;
    }
    expect(pages).toHaveLength(230);
    expect(pages.slice(0, 8)).toEqual(schedule.findings);
    expect(new Set(pages.map((finding) => `${finding.rule} ${finding.subject}`)).size).toBe(230);
    const rank = { error: 0, warning: 1, info: 2 };
    const severities = pages.map((finding) => rank[finding.severity]);
    expect(severities).toEqual([...severities].sort((a, b) => a - b));

    for (const query of ['chapter=nope', 'chapter=tasks&limit=51', 'chapter=tasks&offset=-1'])
      expect(
        (await t.app.inject(as(t.member, { method: 'GET', url: url(`/plan/health/findings?${query}`) })))
          .statusCode,
      ).toBe(400);
    const stranger = await signUpUser(t.app, { email: 'stranger@example.com' });
    const foreign = await t.app.inject(
      as(stranger, { method: 'GET', url: url('/plan/health/findings?chapter=tasks') }),
    );
    expect(foreign.statusCode).toBe(404);
  });
});

describe('new plan from a template', () => {
  it('lists the templates before there is a workspace, for a signed-in person only', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/plan/templates' });
    expect(anonymous.statusCode).toBe(401);
    const list = await t.app.inject(
      as(t.member, { method: 'GET', url: '/api/v1/plan/templates', headers: { 'accept-language': 'en' } }),
    );
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { name: string }) => item.name)).toEqual([
      'User growth',
      'E-commerce store',
      'Content operations',
      'Community operations',
      'Product launch campaign',
    ]);
    expect(list.json().items[1].roles.map((role: { key: string }) => role.key)).toEqual([
      'lead',
      'analyst',
      'operator',
    ]);
  });

  it('lists the templates and creates the e-commerce plan with the numbers, start and people given', async () => {
    const list = await t.app.inject(
      as(t.owner, { method: 'GET', url: url('/plan/templates'), headers: { 'accept-language': 'zh-CN' } }),
    );
    expect(list.json().items.map((item: { name: string }) => item.name)).toEqual([
      '用户增长',
      '电商店铺运营',
      '内容运营',
      '社群运营',
      '新品上线活动',
    ]);
    const body = {
      template: 'ecommerce',
      locale: 'zh-CN',
      start: '2026-12-07',
      people: { lead: t.owner.email, analyst: t.member.email, operator: t.member.email },
      targets: { orders: { baseline: 300, target: 450 } },
    };
    const dry = await t.app.inject(
      as(t.owner, { method: 'POST', url: url('/plan/from-template'), payload: { ...body, dryRun: true } }),
    );
    expect(dry.statusCode).toBe(200);
    expect(await count('tasks')).toBe(0);
    const created = await t.app.inject(
      as(t.owner, { method: 'POST', url: url('/plan/from-template'), payload: body }),
    );
    expect(created.statusCode).toBe(200);
    expect(created.json().created).toMatchObject({ goals: 1, tasks: 6, processes: 1, routines: 2 });
    const { plan } = (
      await t.app.inject(as(t.owner, { method: 'GET', url: url('/plan/export?format=json') }))
    ).json();
    expect(plan.goals[0].keyResults[0]).toMatchObject({ kpi: 'orders', baseline: 300, target: 450 });
    expect(plan.goals[0].start).toBe('2026-12-07');
    expect(plan.processes[0].steps.map((step: { name: string }) => step.name)).toEqual([
      '接单',
      '付款确认',
      '物流安排',
      '售后服务',
      '结束',
    ]);
    const health = (await t.app.inject(as(t.owner, { method: 'GET', url: url('/plan/health') }))).json();
    expect(health.counts.error).toBe(0);
    expect(health.score).toBeGreaterThan(90);
  });

  it('asks for the permission before it reads the body: a member is refused whatever the body says', async () => {
    const refused = await t.app.inject(
      as(t.member, {
        method: 'POST',
        url: url('/plan/from-template'),
        payload: { template: 'launch', locale: 'en', start: '2026-12-07', people: {}, dryRun: true },
      }),
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    // A YAML that does not parse: an owner hears where, a member only that they may not.
    expect((await postYaml(t.owner, 'goals: [\n', '?dryRun=true')).json().error.code).toBe('plan_invalid');
    const broken = await postYaml(t.member, 'goals: [\n', '?dryRun=true');
    expect(broken.statusCode).toBe(403);
  });
});

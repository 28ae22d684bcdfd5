import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestTeam, type TestApp, type TestUser } from './testing/app.ts';

// Bad input is refused at the edge with one translated 400 naming the field, on SQLite and PostgreSQL alike
// (PostgreSQL cannot store U+0000 at all and answered 500; SQLite stored it).

let t: TestApp;
let owner: TestUser;
let workspaceId: string;
let taskId: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ workspaceId, owner } = await createTestTeam(t.app, []));
  const created = await t.app.inject(
    as(owner, { method: 'POST', url: `/api/v1/w/${workspaceId}/tasks`, payload: { title: 'Launch' } }),
  );
  taskId = created.json().task.id;
});
afterAll(() => t.close());

const url = (suffix: string) => `/api/v1/w/${workspaceId}${suffix}`;

type Refusal = { statusCode: number; json(): { error: { code: string; message: string; fields?: unknown } } };

function expectRefused(response: Refusal, path: string, message = 'Must not contain a NUL character.') {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(400);
  expect(response.json().error).toEqual({
    code: 'validation_failed',
    message: 'Some fields are not valid.',
    fields: [{ path, message }],
  });
}

describe('NUL characters', () => {
  it('are refused in the body of anonymous sign-up and login', async () => {
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'accept-language': 'en' },
      payload: {
        email: 'nul@example.com',
        name: 'Ann\u0000',
        password: 'correct horse battery',
        locale: 'en',
      },
    });
    expectRefused(signup, 'name');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { email: 'nul@example.com', password: 'correct\u0000horse' },
    });
    expectRefused(login, 'password');
  });

  it('are refused in nested body fields and in object keys, with the path to them', async () => {
    const nested = await t.app.inject(
      as(owner, {
        method: 'POST',
        url: url('/tasks'),
        payload: { title: 'Ok', checklist: [{ text: 'a\u0000b', done: false }] },
      }),
    );
    expectRefused(nested, 'checklist.0.text');
    const key = await t.app.inject(
      as(owner, {
        method: 'POST',
        url: url('/views'),
        payload: { name: 'Mine', query: { 'sort\u0000': 'due' } },
      }),
    );
    expectRefused(key, 'query.sort\\0');
  });

  it('are refused in path parameters and the query, before the workspace is looked up', async () => {
    expectRefused(await t.app.inject(as(owner, { method: 'GET', url: url('/tasks/ab%00cd') })), 'taskId');
    expectRefused(
      await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/ab%00cd/tasks` })),
      'workspaceId',
    );
    expectRefused(await t.app.inject(as(owner, { method: 'GET', url: url('/tasks?q=a%00') })), 'q');
  });

  it('are refused in Chinese for a Chinese caller', async () => {
    const response = await t.app.inject(
      as(owner, {
        method: 'PATCH',
        url: url(`/tasks/${taskId}`),
        headers: { 'accept-language': 'zh-CN' },
        payload: { title: '上线\u0000' },
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ path: 'title', message: '不能包含空字符（NUL）。' }]);
  });
});

describe('nesting', () => {
  it('refuses a body nested deeper than any OpsPlan body, naming where', async () => {
    // Within the body limit, as text: building it as an object would overflow the stack of the sender.
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const response = await t.app.inject(
      as(owner, {
        method: 'POST',
        url: url('/views'),
        headers: { 'content-type': 'application/json' },
        payload: `{"name":"Deep","query":{"sort":${deep}}}`,
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].message).toBe('Nested too deeply (at most 32 levels).');
    expect(response.json().error.fields[0].path).toMatch(/^query\.sort\.0\.0\./);
  });

  it('keeps saved-view queries flat: a nested object is a field error, not stored', async () => {
    const response = await t.app.inject(
      as(owner, {
        method: 'POST',
        url: url('/views'),
        payload: { name: 'Nested', query: { sort: { deeper: { still: 1 } } } },
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].path).toBe('query.sort');
  });
});

describe('ids', () => {
  it('refuses an empty owner or parent id as a field error instead of a foreign-key failure', async () => {
    const goal = { title: 'Grow', startDate: '2026-12-01', dueDate: '2026-12-31' };
    for (const [field, payload] of [
      ['ownerId', { ...goal, ownerId: '' }],
      ['parentId', { ...goal, parentId: '' }],
    ] as const) {
      const response = await t.app.inject(as(owner, { method: 'POST', url: url('/goals'), payload }));
      expectRefused(response, field, 'Required.');
    }
    const task = await t.app.inject(
      as(owner, { method: 'POST', url: url('/tasks'), payload: { title: 'Sub', parentId: '' } }),
    );
    expectRefused(task, 'parentId', 'Required.');
  });

  it('refuses an empty, over-long or odd id in the query', async () => {
    expectRefused(
      await t.app.inject(as(owner, { method: 'GET', url: url('/tasks?goalId=') })),
      'goalId',
      'Required.',
    );
    expectRefused(
      await t.app.inject(as(owner, { method: 'GET', url: url(`/tasks?goalId=${'a'.repeat(65)}`) })),
      'goalId',
      'Use at most 64 characters.',
    );
    expectRefused(
      await t.app.inject(as(owner, { method: 'GET', url: url('/tasks?goalId=a%20b') })),
      'goalId',
      'Not valid.',
    );
  });
});

describe('task-list cursors', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('refuses a cursor that does not decode to one of ours', async () => {
    for (const cursor of [
      encode({}),
      encode({ value: null }),
      encode([1]),
      'not-base64-json',
      encode({ value: 'x', id: '' }),
    ]) {
      const response = await t.app.inject(as(owner, { method: 'GET', url: url(`/tasks?cursor=${cursor}`) }));
      expectRefused(response, 'cursor', 'Not valid.');
    }
  });

  it('refuses a cursor made for another sort order', async () => {
    const response = await t.app.inject(
      as(owner, {
        method: 'GET',
        url: url(`/tasks?sort=priority&cursor=${encode({ value: '2026-12-01', id: taskId })}`),
      }),
    );
    expectRefused(response, 'cursor', 'Not valid.');
  });

  it('still pages with the cursors it hands out', async () => {
    for (let index = 0; index < 3; index += 1) {
      await t.app.inject(
        as(owner, { method: 'POST', url: url('/tasks'), payload: { title: `T${index}`, priority: 'high' } }),
      );
    }
    for (const sort of ['due', 'created', 'priority']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const pageUrl = url(`/tasks?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        const response: { statusCode: number; json<T>(): T } = await t.app.inject(
          as(owner, {
            method: 'GET',
            url: pageUrl,
          }),
        );
        expect(response.statusCode).toBe(200);
        const page = response.json<{ items: { id: string }[]; nextCursor: string | null }>();
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(4);
      expect(seen).toHaveLength(4);
    }
  });
});

describe('CSV exports', () => {
  const FORMULA = '=HYPERLINK("http://x","y")';

  it('write a task title that starts a formula as text, in CSV and XLSX', async () => {
    await t.app.inject(as(owner, { method: 'POST', url: url('/tasks'), payload: { title: FORMULA } }));
    await t.app.inject(as(owner, { method: 'POST', url: url('/tasks'), payload: { title: '@cmd' } }));
    const csv = await t.app.inject(as(owner, { method: 'GET', url: url('/tasks/export?format=csv') }));
    expect(csv.statusCode).toBe(200);
    const titles = (parse(csv.rawPayload.toString('utf8'), { bom: true }) as string[][]).map((row) => row[1]);
    expect(titles).toContain(`'${FORMULA}`);
    expect(titles).toContain("'@cmd");
    expect(titles).not.toContain(FORMULA);

    const xlsx = await t.app.inject(as(owner, { method: 'GET', url: url('/tasks/export?format=xlsx') }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = workbook.worksheets[0]?.getColumn(2).values ?? [];
    expect(cells).toContain(FORMULA);
    expect(cells.some((cell) => typeof cell === 'object' && cell !== null && 'formula' in cell)).toBe(false);
  });

  it('keep negative measurements numeric', async () => {
    const kpi = await t.app.inject(
      as(owner, { method: 'POST', url: url('/kpis'), payload: { key: 'net_change', name: 'Net change' } }),
    );
    expect(kpi.statusCode).toBe(201);
    await t.app.inject(
      as(owner, {
        method: 'POST',
        url: url('/kpis/net_change/measurements'),
        payload: { points: [{ period: '2026-11-01', value: -12.5 }] },
      }),
    );
    const csv = await t.app.inject(
      as(owner, { method: 'GET', url: url('/kpis/net_change/export?format=csv') }),
    );
    const text = csv.rawPayload.toString('utf8');
    expect(text).toContain('\r\nnet_change,2026-11-01,-12.5,');
    expect(text).not.toContain("'-12.5");
  });
});

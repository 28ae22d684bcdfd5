import { describe, expect, it } from 'vitest';
import { writeSpreadsheet } from '../files.ts';
import { as, createTestTeam, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['member', 'viewer']);

function upload(
  user: TestUser,
  file: string | Buffer,
  dryRun: boolean,
  options: { type?: string; lang?: string; workspace?: string } = {},
) {
  return t.app.inject(
    as(user, {
      method: 'POST',
      url: `/api/v1/w/${options.workspace ?? t.workspaceId}/feedback/import?dryRun=${dryRun}`,
      payload: file,
      headers: { 'content-type': options.type ?? 'text/csv', 'accept-language': options.lang ?? 'en' },
    }),
  );
}

async function items() {
  return t.app.services.db
    .selectFrom('feedback_items')
    .selectAll()
    .where('workspace_id', '=', t.workspaceId)
    .orderBy('created_at')
    .execute();
}

const APP_STORE = [
  'Review ID,Title,Content,Rating,Date,Version,Reviewer',
  'r-1,Crashes on login,The app crashes every time I log in,1,2026-11-20 08:30,3.2.1,Ann',
  'r-2,物流太慢,快递三天还没到，物流信息也不更新,2,2026/11/21,3.2.1,小王',
  'r-3,Love it,"Fast and simple, five stars",5,2026-11-22T10:00:00Z,3.2.2,Bo',
].join('\n');

describe('feedback import', () => {
  it('reads an app-store export: dry run, commit of every row, and a second import skips what is there', async () => {
    const dry = await upload(t.member, APP_STORE, true);
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({
      kind: 'app_store',
      rows: 3,
      newItems: 3,
      alreadyImported: 0,
      decodedAsGbk: false,
      issueCount: 0,
      imported: false,
    });
    expect(report.columns.map((column: { column: string | null }) => column.column)).toEqual([
      'ref',
      'title',
      'body',
      'rating',
      'date',
      'version',
      'name',
    ]);
    expect(await items()).toHaveLength(0);

    const saved = await upload(t.member, APP_STORE, false);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ imported: true, newItems: 3 });
    const rows = await items();
    expect(rows.map((row) => [row.channel, row.source_ref, row.sentiment])).toEqual([
      ['app_store', 'r-1', 'negative'],
      ['app_store', 'r-2', 'negative'],
      ['app_store', 'r-3', 'positive'],
    ]);
    // Times without an offset are the workspace's wall clock; the review date becomes the item's date.
    expect(rows[2]?.created_at).toBe(Date.UTC(2026, 10, 22, 10));
    expect(JSON.parse(rows[0]?.tags ?? '[]')).toEqual(['v3.2.1', '1★']);
    const contacts = await t.app.services.db.selectFrom('feedback_contacts').select('name').execute();
    expect(contacts.map((contact) => contact.name).sort()).toEqual(['Ann', 'Bo', '小王']);
    const history = await t.app.services.db.selectFrom('feedback_status_changes').selectAll().execute();
    expect(history).toHaveLength(3);

    const again = (await upload(t.member, APP_STORE, false)).json();
    expect(again).toMatchObject({ imported: true, newItems: 0, alreadyImported: 3 });
    expect(await items()).toHaveLength(3);
  });

  it('lists every bad row in the dry run and saves nothing when any row is bad', async () => {
    const file = [
      'title,content,rating,date,email',
      'Ok,Fine,4,2026-11-01,a@example.com',
      ',,3,2026-11-01,',
      'Bad rating,text,9,2026-11-01,',
      'Bad date,text,2,yesterday,',
      'Future,text,2,2027-01-01,',
      'Mail,text,2,2026-11-01,not-an-address',
      `Long,${'x'.repeat(20_001)},2,2026-11-01,`,
    ].join('\n');
    const report = (await upload(t.member, file, true, { lang: 'zh-CN' })).json();
    expect(report.issueCount).toBe(6);
    expect(report.issues.map((issue: { row: number; column: string }) => [issue.row, issue.column])).toEqual([
      [3, 'body'],
      [4, 'rating'],
      [5, 'date'],
      [6, 'date'],
      [7, 'email'],
      [8, 'body'],
    ]);
    expect(report.issues[1].message).toBe('“9”不是 1 到 5 的评分。');
    const refused = await upload(t.member, file, false, { lang: 'zh-CN' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'feedback_import_invalid',
      message: '6 行有错误，未导入任何数据。',
    });
    expect(await items()).toHaveLength(0);
  });

  it('reads a GBK customer-service export and an XLSX one with Chinese headers, and stores HTML as text', async () => {
    // 工单号,问题描述,渠道,时间 / T-1,快递三天还没到,电话,2026-11-02 10:00 — as GBK bytes (a Chinese tool's CSV).
    const gbk = Buffer.from(
      'b9a4b5a5bac52ccecacce2c3e8caf62cc7feb5c02ccab1bce40a542d312cbfecb5ddc8fdccecbbb9c3bbb5bd2cb5e7bbb02c323032362d31312d30322031303a30300a',
      'hex',
    );
    const report = (await upload(t.member, gbk, false)).json();
    expect(report).toMatchObject({ kind: 'support', decodedAsGbk: true, imported: true, newItems: 1 });
    const [ticket] = await items();
    expect(ticket).toMatchObject({
      channel: 'support',
      source_ref: 'T-1',
      title: '快递三天还没到',
      body: '快递三天还没到',
    });
    expect(JSON.parse(ticket?.tags ?? '[]')).toEqual(['电话']);

    const xlsx = await writeSpreadsheet(
      ['工单编号', '问题描述', '问题类型', '创建时间', '客户', '联系邮箱'],
      [
        [
          'T-2',
          '<script>alert(1)</script>退款一直没到账',
          '售后',
          '2026-11-03 09:15',
          '李雷',
          'li@example.com',
        ],
      ],
      'xlsx',
    );
    const read = await upload(t.member, xlsx, false, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(read.statusCode, read.body).toBe(200);
    const rows = await items();
    expect(rows[1]).toMatchObject({
      body: '<script>alert(1)</script>退款一直没到账',
      category: '售后',
      created_at: Date.UTC(2026, 10, 3, 1, 15), // Asia/Shanghai is the default zone
    });
  });

  it('places new items in the common issues they belong to as they arrive', async () => {
    const create = (title: string) =>
      t.app.inject(
        as(t.member, {
          method: 'POST',
          url: `/api/v1/w/${t.workspaceId}/feedback/items`,
          payload: { title },
        }),
      );
    for (const title of [
      '快递太慢了，五天还没到',
      '物流信息三天没更新',
      '包裹一直没有送到',
      '配送太慢，快递员不接电话',
      '退款一直没到账',
      '申请退货没人处理',
      '售后退款流程太复杂',
      'App 打开就闪退',
      '更新后一直闪退',
      '登录页面闪退，无法使用',
    ])
      expect((await create(title)).statusCode).toBe(201);
    expect(
      (
        await t.app.inject(
          as(t.member, { method: 'POST', url: `/api/v1/w/${t.workspaceId}/feedback/clusters/recompute` }),
        )
      ).statusCode,
    ).toBe(202);
    while ((await t.app.services.scheduler.runDue()) > 0);
    const file = 'id,content\nA-1,新版本打开就闪退\nA-2,退款还没到账\n';
    const report = (await upload(t.member, file, true)).json();
    expect(report.clusters.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(2);
    await upload(t.member, file, false);
    const imported = (await items()).filter((row) => row.source_ref !== null);
    expect(imported.every((row) => row.cluster_id !== null)).toBe(true);
    expect(imported[0]?.cluster_id).not.toBe(imported[1]?.cluster_id);
  });

  it('refuses broken files, other content types, huge rows, roles without write and other workspaces', async () => {
    const code = async (response: Awaited<ReturnType<typeof upload>>) => [
      response.statusCode,
      response.json().error?.code,
    ];
    expect(await code(await upload(t.member, 'title,content\n', true))).toEqual([400, 'import_empty']);
    expect(await code(await upload(t.member, '', true))).toEqual([400, 'import_empty']);
    expect(await code(await upload(t.member, 'foo,bar\n1,2\n', true))).toEqual([
      400,
      'import_missing_columns',
    ]);
    expect(await code(await upload(t.member, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), true))).toEqual([
      400,
      'import_unreadable',
    ]);
    expect(await code(await upload(t.member, Buffer.from('content\nab\u0000cd'), true))).toEqual([
      400,
      'import_unreadable',
    ]);
    expect(await code(await upload(t.member, 'content\n"unclosed\n', true))).toEqual([
      400,
      'import_unreadable',
    ]);
    expect(await code(await upload(t.member, `content\n${'长'.repeat(400_000)}\n`, true))).toEqual([
      400,
      'import_unreadable',
    ]);
    expect(await code(await upload(t.member, 'content\nhi\n', true, { type: 'text/plain' }))).toEqual([
      415,
      'import_unsupported_type',
    ]);
    expect(await code(await upload(t.viewer, APP_STORE, true))).toEqual([403, 'forbidden']);
    const other = await createTestTeam(t.app, []);
    expect((await upload(t.owner, APP_STORE, false, { workspace: other.workspaceId })).statusCode).toBe(404);
    expect(await items()).toHaveLength(0);
  });
});

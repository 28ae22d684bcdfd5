import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { as, createTestWorkspace, dailyPoints, signUpUser } from '../testing/app.ts';
import { createKpi, useTestTeam } from '../testing/factories.ts';
import { selectKpis } from './queries.ts';
import { loadKpiSeries, loadKpiSeriesMany, type SeriesRange } from './series.ts';

const t = useTestTeam(['member', 'viewer']);

async function postKpi(payload: Record<string, unknown>, user = t.owner) {
  return t.app.inject(as(user, { method: 'POST', url: t.url('/kpis'), payload }));
}

async function push(key: string, points: Array<{ period: string; value: number }>, user = t.owner) {
  return t.app.inject(
    as(user, { method: 'POST', url: t.url(`/kpis/${key}/measurements`), payload: { points } }),
  );
}

async function importFile(body: Buffer, query: string, contentType = 'text/csv', user = t.owner) {
  return t.app.inject(
    as(user, {
      method: 'POST',
      url: t.url(`/measurements/import?${query}`),
      payload: body,
      headers: { 'content-type': contentType },
    }),
  );
}

describe('KPI definitions', () => {
  it('defines measured and formula KPIs and lists them', async () => {
    expect((await postKpi({ key: 'orders', name: '订单数' })).statusCode).toBe(201);
    expect((await postKpi({ key: 'visits', name: '访问量' })).statusCode).toBe(201);
    const formula = await postKpi({
      key: 'conversion_rate',
      name: '转化率',
      unit: '%',
      aggregation: 'avg',
      formula: 'orders / visits * 100',
      thresholds: { green: 5, amber: 3 },
    });
    expect(formula.statusCode).toBe(201);
    expect(formula.json().kpi).toMatchObject({
      formula: 'orders / visits * 100',
      thresholds: { green: 5, amber: 3 },
      status: null,
    });
    const list = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/kpis') }));
    expect(list.json().items.map((kpi: { key: string }) => kpi.key)).toEqual([
      'conversion_rate',
      'orders',
      'visits',
    ]);
  });

  it('names the position of a formula fault, unknown KPIs and loops', async () => {
    await createKpi(t, t.owner, { key: 'orders', name: 'Orders' });
    const syntax = await postKpi({ key: 'broken', name: 'Broken', formula: 'orders / (visits' });
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json().error.code).toBe('formula_invalid');
    expect(syntax.json().error.fields[0].path).toBe('formula');
    expect(syntax.json().error.message).toMatch(/character 17/);
    const zh = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url('/kpis'),
        payload: { key: 'broken', name: 'B', formula: 'sqr(orders)' },
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    expect(zh.json().error.message).toContain('sqr');
    expect(zh.json().error.message).toContain('公式有误');
    const unknown = await postKpi({ key: 'rate', name: 'Rate', formula: 'orders / visits' });
    expect(unknown.json().error).toMatchObject({ code: 'formula_unknown_kpi' });
    expect(unknown.json().error.message).toContain('visits');
    const self = await postKpi({ key: 'loop', name: 'Loop', formula: 'loop + 1' });
    expect(self.json().error.code).toBe('formula_cycle');
    await createKpi(t, t.owner, { key: 'a', name: 'A', formula: 'orders * 2' });
    await createKpi(t, t.owner, { key: 'b', name: 'B', formula: 'a + 1' });
    const cycle = await t.app.inject(
      as(t.owner, { method: 'PATCH', url: t.url('/kpis/a'), payload: { formula: 'b * 2' } }),
    );
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.message).toContain('a → b → a');
  });

  it('refuses a taken key, bad fields, weak roles and other workspaces', async () => {
    await createKpi(t, t.owner, { key: 'orders', name: 'Orders' });
    expect((await postKpi({ key: 'orders', name: 'Again' })).statusCode).toBe(409);
    const bad = await postKpi({ key: 'Bad Key', name: '', direction: 'up' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['direction', 'key', 'name']);
    expect((await postKpi({ key: 'x', name: 'X' }, t.member)).statusCode).toBe(403);
    const stranger = await signUpUser(t.app);
    await createTestWorkspace(t.app, stranger);
    expect((await t.app.inject(as(stranger, { method: 'GET', url: t.url('/kpis/orders') }))).statusCode).toBe(
      404,
    );
    expect((await push('orders', [{ period: '2026-11-01', value: 1 }], stranger)).statusCode).toBe(404);
  });

  it('refuses to delete a KPI a formula uses', async () => {
    await createKpi(t, t.owner, { key: 'orders', name: 'Orders' });
    await createKpi(t, t.owner, { key: 'double_orders', name: 'x2', formula: 'orders * 2' });
    const refused = await t.app.inject(as(t.owner, { method: 'DELETE', url: t.url('/kpis/orders') }));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('double_orders');
    expect(
      (await t.app.inject(as(t.owner, { method: 'DELETE', url: t.url('/kpis/double_orders') }))).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject(as(t.owner, { method: 'DELETE', url: t.url('/kpis/orders') }))).statusCode,
    ).toBe(204);
  });
});

describe('measurements', () => {
  beforeEach(async () => {
    await createKpi(t, t.owner, { key: 'orders', name: 'Orders', thresholds: { green: 100, amber: 50 } });
    await createKpi(t, t.owner, { key: 'visits', name: 'Visits' });
    await createKpi(t, t.owner, {
      key: 'weekly_active',
      name: 'WAU',
      frequency: 'week',
      aggregation: 'last',
    });
    await postKpi({
      key: 'conversion_rate',
      name: 'CR',
      aggregation: 'avg',
      formula: 'orders / visits * 100',
    });
  });

  it('upserts pushed points idempotently and keeps status current', async () => {
    expect(
      (
        await push(
          'orders',
          [
            { period: '2026-11-01', value: 120 },
            { period: '2026-11-02', value: 40 },
          ],
          t.member,
        )
      ).json(),
    ).toEqual({ saved: 2 });
    let kpi = (await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/kpis/orders') }))).json().kpi;
    expect(kpi).toMatchObject({ lastValue: 40, lastPeriod: '2026-11-02', status: 'red' });
    await push('orders', [{ period: '2026-11-02', value: 80 }]);
    kpi = (await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/kpis/orders') }))).json().kpi;
    expect(kpi).toMatchObject({ lastValue: 80, status: 'amber' });
    const rows = await t.database.db.selectFrom('measurements').selectAll().execute();
    expect(rows).toHaveLength(2);
    const events = await t.database.db
      .selectFrom('events')
      .select('type')
      .where('type', '=', 'kpi.turned_red')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('pushes with an API token, recorded as the api source', async () => {
    const { secret } = (
      await t.app.inject(
        as(t.owner, {
          method: 'POST',
          url: '/api/v1/me/tokens',
          payload: { name: 'etl', workspaceId: t.workspaceId },
        }),
      )
    ).json();
    const pushed = await t.app.inject({
      method: 'POST',
      url: t.url('/kpis/visits/measurements'),
      headers: { authorization: `Bearer ${secret}` },
      payload: { points: dailyPoints('2026-01-01', 365, (i) => 1000 + i) },
    });
    expect(pushed.json()).toEqual({ saved: 365 });
    const page = (
      await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/kpis/visits/measurements?limit=2') }))
    ).json();
    expect(page.items.map((item: { period: string }) => item.period)).toEqual(['2026-12-31', '2026-12-30']);
    expect(page.items[0].source).toBe('api');
    expect(page.nextCursor).toBe('2026-12-30');
  });

  it('refuses a batch with any bad point and saves none of it', async () => {
    const response = await push('weekly_active', [
      { period: '2026-11-23', value: 5 },
      { period: '2026-11-25', value: 6 },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('measurements_invalid');
    expect(response.json().error.fields).toEqual([
      {
        path: 'points.1.period',
        message: '2026-11-25 does not start a weekly (Monday) period; use 2026-11-23.',
      },
    ]);
    const impossible = await push('weekly_active', [
      { period: '2026-11-23', value: 5 },
      { period: '2026-02-30', value: 7 },
    ]);
    expect(impossible.json().error.fields).toEqual([
      { path: 'points.1.period', message: 'Use a date like 2026-11-30.' },
    ]);
    expect(await t.database.db.selectFrom('measurements').selectAll().execute()).toHaveLength(0);
    expect((await push('conversion_rate', [{ period: '2026-11-01', value: 1 }])).json().error.code).toBe(
      'kpi_is_formula',
    );
    const tooMany = await push(
      'orders',
      dailyPoints('2000-01-01', 10_001, () => 1),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields[0].path).toBe('points');
    const wrongType = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url('/kpis/orders/measurements'),
        payload: { points: [{ period: '2026-11-01', value: 'many' }] },
      }),
    );
    expect(wrongType.json().error.fields[0]).toEqual({
      path: 'points.0.value',
      message: 'Must be a number.',
    });
    expect((await push('visits', [{ period: '2026-11-01', value: 1 }], t.viewer)).statusCode).toBe(403);
  });

  it('computes formula series and buckets by week, month and quarter', async () => {
    await push(
      'orders',
      dailyPoints('2026-11-02', 14, () => 10),
    );
    await push(
      'visits',
      dailyPoints('2026-11-02', 14, (i) => (i < 7 ? 200 : 100)),
    );
    const daily = (
      await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/kpis/conversion_rate/series') }))
    ).json();
    expect(daily.points).toHaveLength(14);
    expect(daily.points[0]).toEqual({ period: '2026-11-02', value: 5 });
    expect(daily.points[13]).toEqual({ period: '2026-11-15', value: 10 });
    const weekly = (
      await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/kpis/orders/series?bucket=week') }))
    ).json();
    expect(weekly.points).toEqual([
      { period: '2026-11-02', value: 70 },
      { period: '2026-11-09', value: 70 },
    ]);
    const monthly = (
      await t.app.inject(
        as(t.owner, { method: 'GET', url: t.url('/kpis/conversion_rate/series?bucket=month') }),
      )
    ).json();
    expect(monthly.points).toEqual([{ period: '2026-11-01', value: 7.5 }]);
    const ranged = (
      await t.app.inject(
        as(t.owner, { method: 'GET', url: t.url('/kpis/orders/series?from=2026-11-10&to=2026-11-11') }),
      )
    ).json();
    expect(ranged.points).toHaveLength(2);
    const formulaKpi = (
      await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/kpis/conversion_rate') }))
    ).json().kpi;
    expect(formulaKpi).toMatchObject({ lastValue: 10, lastPeriod: '2026-11-15' });
  });

  it('imports CSV: dry run first, then all or nothing unless bad rows are skipped', async () => {
    const csv = Buffer.from(
      '\uFEFF指标,日期,数值\norders,2026-11-01,10\nvisits,2026/11/01,"1,200"\nnope,2026-11-01,3\norders,2026-11-02,abc\n',
    );
    const preview = await importFile(csv, 'dryRun=true');
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      dryRun: true,
      totalRows: 4,
      validRows: 2,
      saved: 0,
      issueCount: 2,
    });
    expect(preview.json().issues).toEqual([
      { row: 4, column: 'kpi', message: 'No KPI with the key "nope" in this workspace.' },
      { row: 5, column: 'value', message: '"abc" is not a number.' },
    ]);
    expect(await t.database.db.selectFrom('measurements').selectAll().execute()).toHaveLength(0);

    const refused = await importFile(csv, 'dryRun=false');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('measurements_invalid');
    expect(refused.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'row 4.kpi',
      'row 5.value',
    ]);
    expect(await t.database.db.selectFrom('measurements').selectAll().execute()).toHaveLength(0);

    const skipped = await importFile(csv, 'dryRun=false&skipBadRows=true');
    expect(skipped.json()).toMatchObject({ saved: 2, skipped: 2 });
    const visits = await t.database.db
      .selectFrom('measurements')
      .select('value')
      .where('period', '=', '2026-11-01')
      .execute();
    expect(visits.map((row) => row.value).sort((a, b) => a - b)).toEqual([10, 1200]);
  });

  it('imports XLSX with real dates, and a single-KPI file with ?kpi=', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('data');
    sheet.addRow(['period', 'value']);
    for (const point of dailyPoints('2026-01-01', 365, (i) => i))
      sheet.addRow([new Date(`${point.period}T00:00:00Z`), point.value]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await importFile(
      file,
      'dryRun=false&kpi=visits',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      saved: 365,
      byKpi: [{ key: 'visits', rows: 365, from: '2026-01-01', to: '2026-12-31' }],
    });
  });

  it('reads Chinese dates and Excel serial dates in CSV and XLSX', async () => {
    const csv = Buffer.from(
      'kpi,period,value\nvisits,2026年12月1日,10\nvisits,2026/12/2,11\nvisits,46359,12\nvisits,2026年2月30日,13\n',
    );
    const preview = await importFile(csv, 'dryRun=true');
    expect(preview.json()).toMatchObject({ totalRows: 4, validRows: 3, issueCount: 1 });
    expect(preview.json().issues).toEqual([
      {
        row: 5,
        column: 'period',
        message: '"2026年2月30日" is not a date (use YYYY-MM-DD, 2026年12月6日 or a spreadsheet date).',
      },
    ]);

    // A date column without a date format: exceljs hands over the serial number itself.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('data');
    sheet.addRow(['period', 'value']);
    sheet.addRow([46361, 20]);
    sheet.addRow(['2026年12月6日', 21]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await importFile(
      file,
      'dryRun=false&kpi=visits',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      saved: 2,
      byKpi: [{ key: 'visits', rows: 2, from: '2026-12-05', to: '2026-12-06' }],
    });
  });

  it('explains files it cannot use, in the caller’s language', async () => {
    const noColumns = await importFile(Buffer.from('a,b\n1,2\n'), 'dryRun=true');
    expect(noColumns.json().error).toMatchObject({ code: 'import_missing_columns' });
    const empty = await importFile(Buffer.from('kpi,period,value\n'), 'dryRun=true');
    expect(empty.json().error.code).toBe('import_empty');
    const binary = await importFile(
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2, 3]),
      'dryRun=true',
      'application/octet-stream',
    );
    expect(binary.statusCode).toBe(400);
    expect(binary.json().error.code).toBe('import_unreadable');
    const zh = await t.app.inject(
      as(t.owner, {
        method: 'POST',
        url: t.url('/measurements/import'),
        payload: Buffer.from('x\n'),
        headers: { 'content-type': 'text/csv', 'accept-language': 'zh-CN' },
      }),
    );
    expect(zh.json().error.message).toContain('文件首行需要包含列');
    const huge = await importFile(Buffer.alloc(50 * 1024 * 1024, 'a'), 'dryRun=true');
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it('exports CSV and XLSX that import again', async () => {
    await push(
      'orders',
      dailyPoints('2026-11-01', 3, (i) => i * 1.5),
    );
    const csv = await t.app.inject(
      as(t.owner, { method: 'GET', url: t.url('/kpis/orders/export?format=csv') }),
    );
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(
      csv.body
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(0, 3),
    ).toEqual(['kpi,period,value,source', 'orders,2026-11-01,0,manual', 'orders,2026-11-02,1.5,manual']);
    const xlsx = await t.app.inject(
      as(t.owner, { method: 'GET', url: t.url('/kpis/orders/export?format=xlsx') }),
    );
    const again = await importFile(
      xlsx.rawPayload,
      'dryRun=true',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(again.json()).toMatchObject({ validRows: 3, issueCount: 0 });
  });
});

describe('KPI series read together', () => {
  it('equal each KPI read on its own, over formulas and different ranges, across query batches', async () => {
    for (const key of ['a', 'b', 'c', 'd', 'e'])
      expect((await postKpi({ key, name: key })).statusCode).toBe(201);
    expect((await postKpi({ key: 'ab', name: 'ab', formula: 'a + b' })).statusCode).toBe(201);
    expect(
      (await postKpi({ key: 'ab_c', name: 'ab_c', formula: 'ab * c', aggregation: 'avg' })).statusCode,
    ).toBe(201);
    expect(
      (await postKpi({ key: 'weekly', name: 'weekly', formula: 'd - e', frequency: 'week' })).statusCode,
    ).toBe(201);
    for (const [index, key] of ['a', 'b', 'c', 'd', 'e'].entries()) {
      expect(
        (
          await push(
            key,
            dailyPoints('2026-10-01', 50, (day) => (day * 7 + index * 13) % 23),
          )
        ).statusCode,
      ).toBe(200);
    }
    const rows = await selectKpis(t.database.db, t.workspaceId);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const ranges: Record<string, SeriesRange> = {
      a: { from: '2026-10-10', to: '2026-10-20' },
      ab: { from: '2026-10-05', to: '2026-11-10' },
      ab_c: { from: '2026-10-15' },
      c: {},
      e: { to: '2026-10-08' },
      weekly: { from: '2026-10-01', to: '2026-11-30' },
    };
    const asked = rows.filter((row) => row.key in ranges);
    const together = await loadKpiSeriesMany(t.database.db, asked, byKey, (kpi) => ranges[kpi.key] ?? {}, 2);
    for (const kpi of asked) {
      const alone = await loadKpiSeries(t.database.db, kpi, byKey, ranges[kpi.key]);
      expect(alone.length, kpi.key).toBeGreaterThan(0);
      expect(together.get(kpi.key), kpi.key).toEqual(alone);
    }
  });
});

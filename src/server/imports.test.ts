import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XLSX_MAX_UNPACKED_BYTES, XLSX_TYPE } from './files.ts';
import { MEASUREMENT_IMPORT_MAX_ROWS } from './kpis/files.ts';
import { WBS_IMPORT_MAX_ROWS } from './tasks/import.ts';
import { as, createTestApp, createTestTeam, type TestApp, type TestUser } from './testing/app.ts';
import { watchTransactions } from './testing/database.ts';

// The import limits of the spreadsheet imports (KPI measurements, WBS, process event logs): types, rows, cells, unpacked
// size, and other requests served while a large file is read.

let t: TestApp;
let owner: TestUser;
let viewer: TestUser;
let workspaceId: string;

beforeEach(async () => {
  t = await createTestApp();
  ({ workspaceId, owner, viewer } = await createTestTeam(t.app, ['viewer']));
});
afterEach(() => t.close());

const url = (suffix: string) => `/api/v1/w/${workspaceId}${suffix}`;

function upload(path: string, body: Buffer | string, contentType: string, locale = 'en', user = owner) {
  return t.app.inject(
    as(user, {
      method: 'POST',
      url: url(path),
      payload: body,
      headers: { 'content-type': contentType, 'accept-language': locale },
    }),
  );
}

/** A zip archive by hand, so a test can make it claim sizes its data does not have. */
function zip(entries: Array<{ name: string; data: Buffer; claimedSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = deflateRawSync(entry.data);
    const size = entry.claimedSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    directory.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const central = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

function dailyRows(key: string, count: number): string {
  const lines = ['kpi,period,value'];
  const start = Date.UTC(1900, 0, 1);
  for (let index = 0; index < count; index += 1)
    lines.push(`${key},${new Date(start + index * 86_400_000).toISOString().slice(0, 10)},${index % 97}`);
  return `${lines.join('\n')}\n`;
}

describe('spreadsheet imports', () => {
  it('take only CSV and XLSX, and say so in the caller’s language (text/plain was a 500)', async () => {
    // The hook answers before the route looks anything up, so any process id shows it.
    const imports = [
      '/measurements/import?dryRun=true',
      '/tasks/import?dryRun=true',
      '/processes/any/event-log?dryRun=true',
    ];
    for (const path of imports) {
      const plain = await upload(path, 'kpi,period,value\norders,2026-11-01,1\n', 'text/plain', 'zh-CN');
      expect(plain.statusCode).toBe(415);
      expect(plain.json().error).toMatchObject({ code: 'import_unsupported_type' });
      expect(plain.json().error.message).toContain('此导入不支持 text/plain');
      const json = await upload(path, JSON.stringify({ rows: [] }), 'application/json');
      expect(json.statusCode).toBe(415);
      expect(json.json().error.message).toBe(
        'Send the file as text/csv, XLSX; this import does not read application/json.',
      );
    }
  });

  it('refuses an XLSX that claims to unpack past the limit, and one that lies about it', async () => {
    const sheet = Buffer.from('<worksheet><sheetData/></worksheet>');
    const claimsTooMuch = zip([
      { name: 'xl/worksheets/sheet1.xml', data: sheet, claimedSize: XLSX_MAX_UNPACKED_BYTES + 1 },
    ]);
    const refused = await upload('/measurements/import?dryRun=true', claimsTooMuch, XLSX_TYPE);
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error).toMatchObject({
      code: 'import_too_large',
      message: 'The XLSX file unpacks to more than 128 MB; save it as CSV or split it.',
    });
    // 4 MB of one repeated cell packs into a few kilobytes; the archive claims 1 KB.
    const bomb = Buffer.from(
      `<worksheet><sheetData>${'<row><c><v>1</v></c></row>'.repeat(150_000)}</sheetData></worksheet>`,
    );
    const lying = zip([{ name: 'xl/worksheets/sheet1.xml', data: bomb, claimedSize: 1024 }]);
    expect(lying.length).toBeLessThan(64 * 1024);
    const caught = await upload('/tasks/import?dryRun=true', lying, XLSX_TYPE, 'zh-CN');
    expect(caught.statusCode).toBe(413);
    expect(caught.json().error.code).toBe('import_too_large');
    expect(caught.json().error.message).toContain('XLSX 文件解压后超过 128 MB');
  });

  it('refuses an XLSX whose cells are out of all proportion to its rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('wbs');
    sheet.addRow(['wbs', 'title']);
    // Twelve rows, each reaching column 16,000: 192,000 cells where a WBS of 5,000 rows allows 160,032.
    for (let index = 1; index <= 12; index += 1) {
      const row = sheet.addRow([String(index), `task ${index}`]);
      row.getCell(16_000).value = 'x';
    }
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload('/tasks/import?dryRun=true', file, XLSX_TYPE);
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'import_too_many_cells' });
    expect(response.json().error.message).toContain(String((WBS_IMPORT_MAX_ROWS + 1) * 32));
  });

  it('refuses files over each import’s row limit, and reads one at the limit', async () => {
    const wbs = ['wbs,title', ...Array.from({ length: WBS_IMPORT_MAX_ROWS + 1 }, (_, i) => `${i + 1},t${i}`)];
    const tooManyTasks = await upload('/tasks/import?dryRun=true', wbs.join('\n'), 'text/csv');
    expect(tooManyTasks.statusCode).toBe(413);
    expect(tooManyTasks.json().error).toMatchObject({
      code: 'import_too_many_rows',
      message: `The file has more than ${WBS_IMPORT_MAX_ROWS} data rows; split it into smaller files.`,
    });
    const atLimit = await upload('/tasks/import?dryRun=true', wbs.slice(0, -1).join('\n'), 'text/csv');
    expect(atLimit.statusCode).toBe(200);
    expect(atLimit.json().totalRows).toBe(WBS_IMPORT_MAX_ROWS);

    const tooManyPoints = await upload(
      '/measurements/import?dryRun=true',
      dailyRows('orders', MEASUREMENT_IMPORT_MAX_ROWS + 1),
      'text/csv',
    );
    expect(tooManyPoints.statusCode).toBe(413);
    expect(tooManyPoints.json().error.code).toBe('import_too_many_rows');
  });

  it('answers /healthz again and again while a large CSV dry run is read', async () => {
    await t.app.inject(
      as(owner, { method: 'POST', url: url('/kpis'), payload: { key: 'orders', name: '订单' } }),
    );
    const rows = 100_000;
    let finished = false;
    // A viewer may dry-run: the cheapest caller must not be able to stall the server.
    const imported = upload(
      '/measurements/import?dryRun=true',
      dailyRows('orders', rows),
      'text/csv',
      'en',
      viewer,
    ).then((response) => {
      finished = true;
      return response;
    });
    let answeredDuring = 0;
    while (!finished) {
      // One request per turn of the event loop, as requests arriving over the network would be.
      await new Promise((resolve) => setImmediate(resolve));
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      if (!finished) answeredDuring += 1;
    }
    const report = (await imported).json();
    expect(report).toMatchObject({ totalRows: rows, validRows: rows, issueCount: 0 });
    // The reader gives the event loop a turn every 250 rows: hundreds of chances for /healthz. Before,
    // the file was parsed and checked in one synchronous stretch and /healthz waited for all of it.
    expect(answeredDuring).toBeGreaterThan(20);
  });
});

describe('a large import commit', () => {
  it('lets /healthz answer while its one transaction is open', async () => {
    await t.app.inject(
      as(owner, { method: 'POST', url: url('/kpis'), payload: { key: 'orders', name: '订单' } }),
    );
    const rows = 60_000;
    const transactions = watchTransactions(t.database.db);
    let finished = false;
    const imported = upload('/measurements/import?dryRun=false', dailyRows('orders', rows), 'text/csv').then(
      (response) => {
        finished = true;
        return response;
      },
    );
    let answeredInTransaction = 0;
    while (!finished) {
      await new Promise((resolve) => setImmediate(resolve));
      if (transactions.open === 0) continue;
      // Sent while the import's transaction is open; counted only if answered before it closes. On SQLite
      // the transaction used to run as one synchronous stretch (this loop never saw it open) and /healthz
      // queued behind it for Kysely's one connection.
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      if (transactions.open > 0) answeredInTransaction += 1;
    }
    const response = await imported;
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ totalRows: rows, saved: rows });
    // One synchronous stretch answers none; the bulk writer's turns every 20 ms let a few through (4–6 seen on a
    // busy machine, as its 60,000 rows take a few hundred milliseconds).
    expect(answeredInTransaction).toBeGreaterThan(1);
    // Still all or nothing: every row in one transaction, not chunks committed one by one.
    expect(transactions.begun).toBe(1);
    const stored = await t.database.db
      .selectFrom('measurements')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.count)).toBe(rows);
  });
});

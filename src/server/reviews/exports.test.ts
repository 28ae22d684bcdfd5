import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { as, createTestTeam, type TestUser } from '../testing/app.ts';
import { addMember, useTestTeam } from '../testing/factories.ts';

const run = promisify(execFile);

const t = useTestTeam(['admin', 'manager', 'member', 'viewer']);
let peer: TestUser;
let bystander: TestUser;
let cycleId: string;
let participantId: string;

const answers = (highlights: string) => ({
  kr: { rating: 4 },
  delivery: { rating: 3 },
  sla: { rating: 4 },
  routines: { rating: 5 },
  checkins: { rating: 2 },
  teamwork: { rating: 4 },
  highlights: { text: highlights },
  improve: { text: 'Plan the peak weeks ahead' },
});

/** A cycle through every stage to calibration: the member reviewed by their manager and a peer, all submitted. */
beforeEach(async () => {
  peer = await addMember(t, t.owner, { role: 'member', name: 'Pat Peer' });
  bystander = await addMember(t, t.owner, { role: 'member', name: 'Bea Bystander' });
  const created = await t.app.inject(
    as(t.manager, {
      method: 'POST',
      url: t.url('/review-cycles'),
      payload: {
        name: 'Q3 2026',
        kind: 'quarterly',
        periodStart: '2026-07-01',
        builtinTemplate: 'kpi_ops',
        participants: [{ userId: t.member.id, peerIds: [peer.id] }],
      },
    }),
  );
  const cycle = created.json<{
    cycle: {
      id: string;
      participants: { id: string; reviews: { id: string; kind: string }[] }[];
    };
  }>().cycle;
  cycleId = cycle.id;
  const participant = cycle.participants[0];
  participantId = participant?.id ?? '';
  const texts: Record<string, [TestUser, string]> = {
    self: [t.member, 'Self: led the referral campaign'],
    peer: [peer, 'Peer: quick to help during the campaign'],
    manager: [t.manager, 'Manager: steady delivery all quarter'],
  };
  for (const review of participant?.reviews ?? []) {
    const [user, text] = texts[review.kind] ?? [t.member, ''];
    const saved = await t.app.inject(
      as(user, {
        method: 'PUT',
        url: t.url(`/reviews/${review.id}`),
        payload: { answers: answers(text), submit: true },
      }),
    );
    expect(saved.statusCode).toBe(200);
  }
  for (let i = 0; i < 3; i += 1) {
    await t.app.inject(as(t.manager, { method: 'POST', url: t.url(`/review-cycles/${cycleId}/advance`) }));
  }
  const final = await t.app.inject(
    as(t.manager, {
      method: 'PATCH',
      url: t.url(`/review-participants/${participantId}`),
      payload: { finalRating: 4.5, reason: 'Calibrated with the team', finalComment: 'A strong quarter' },
    }),
  );
  expect(final.statusCode).toBe(200);
});

async function sheetOf(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: unknown[][] = [];
  // Empty cells read back as holes: null, as they were written.
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => values[i + 1] ?? null));
  });
  return { name: sheet.name, rows };
}

function download(user: TestUser, path: string, language = 'en') {
  return t.app.inject(
    as(user, { method: 'GET', url: t.url(path), headers: { 'accept-language': language } }),
  );
}

describe('review cycle as XLSX', () => {
  it('the manager gets a row per person: ratings per stage, final rating, scorecard figures, in English and Chinese', async () => {
    const response = await download(t.manager, `/review-cycles/${cycleId}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('Q3%202026.xlsx');
    const { name, rows } = await sheetOf(response.rawPayload);
    expect(name).toBe('Reviews');
    const [header, row] = rows;
    expect(header?.slice(0, 8)).toEqual([
      'Person',
      'Manager',
      'Self review',
      'Peer review (mean)',
      'Manager review',
      'Data score',
      'Rating the data suggests',
      'Final rating',
    ]);
    expect(header).toContain('Routines done');
    expect(rows).toHaveLength(2);
    const self = row?.[2];
    expect(typeof self).toBe('number');
    expect(row?.[3]).toBe(self);
    expect(row?.[4]).toBe(self);
    expect(row?.[7]).toBe(4.5);
    expect(row?.at(-2)).toBe('In progress');

    const chinese = await sheetOf(
      (await download(t.manager, `/review-cycles/${cycleId}/export`, 'zh-CN')).rawPayload,
    );
    expect(chinese.name).toBe('评估结果');
    expect(chinese.rows[0]?.slice(0, 3)).toEqual(['被评估人', '上级', '自评']);
    expect(chinese.rows[0]).toContain('例行工作完成');
    expect(chinese.rows[1]?.at(-2)).toBe('进行中');
  });

  it('each role gets only what they may read; others 404; a viewer and another workspace too', async () => {
    for (const user of [t.admin, t.owner]) {
      const { rows } = await sheetOf((await download(user, `/review-cycles/${cycleId}/export`)).rawPayload);
      expect(rows[1]?.[7]).toBe(4.5);
    }
    // The reviewee before sign-off: their self rating, nobody else's, no final rating.
    const own = await sheetOf((await download(t.member, `/review-cycles/${cycleId}/export`)).rawPayload);
    expect(typeof own.rows[1]?.[2]).toBe('number');
    expect(own.rows[1]?.slice(3, 5)).toEqual([null, null]);
    expect(own.rows[1]?.[7]).toBeNull();
    // The peer: only what they wrote, no scorecard figures.
    const asPeer = await sheetOf((await download(peer, `/review-cycles/${cycleId}/export`)).rawPayload);
    expect(asPeer.rows[1]?.[2]).toBeNull();
    expect(typeof asPeer.rows[1]?.[3]).toBe('number');
    expect(asPeer.rows[1]?.slice(4, 13)).toEqual([null, null, null, null, null, null, null, null, null]);
    for (const user of [bystander, t.viewer]) {
      const refused = await download(user, `/review-cycles/${cycleId}/export`);
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe('review_cycle_not_found');
    }
    const other = await createTestTeam(t.app, []);
    const elsewhere = await t.app.inject(
      as(other.owner, {
        method: 'GET',
        url: `/api/v1/w/${other.workspaceId}/review-cycles/${cycleId}/export`,
      }),
    );
    expect(elsewhere.statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url: t.url(`/review-cycles/${cycleId}/export`) });
    expect(anonymous.statusCode).toBe(401);
  });
});

async function pdfText(body: Buffer): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'review-pdf-'));
  try {
    const file = path.join(folder, 'review.pdf');
    await writeFile(file, body);
    return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

describe('a person’s review as PDF', () => {
  it('the manager’s PDF holds the scorecard, every review and the final rating, in English and Chinese', async () => {
    const response = await download(t.manager, `/review-participants/${participantId}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(response.rawPayload);
    expect(text).toContain(`Review of ${t.member.name}`);
    expect(text).toContain('Scorecard from data');
    expect(text).toContain('Routines done');
    expect(text).toContain('Self: led the referral campaign');
    expect(text).toContain('Peer: quick to help during the campaign');
    expect(text).toContain('Manager: steady delivery all quarter');
    expect(text).toContain('A strong quarter');
    expect(text).toMatch(/Page 1 \/ \d/);

    const chinese = await pdfText(
      (await download(t.manager, `/review-participants/${participantId}/pdf`, 'zh-CN')).rawPayload,
    );
    expect(chinese).toContain(`${t.member.name} 的绩效评估`);
    expect(chinese).toContain('数据评分卡');
    expect(chinese).toContain('最终评级');
  }, 60_000);

  it('the peer’s PDF holds only what they wrote; a bystander, a viewer and another workspace get 404', async () => {
    const text = await pdfText(
      (await download(peer, `/review-participants/${participantId}/pdf`)).rawPayload,
    );
    expect(text).toContain('Peer: quick to help during the campaign');
    expect(text).not.toContain('Self: led the referral campaign');
    expect(text).not.toContain('Manager: steady delivery');
    expect(text).not.toContain('Scorecard from data');
    expect(text).not.toContain('A strong quarter');
    for (const user of [bystander, t.viewer]) {
      const refused = await download(user, `/review-participants/${participantId}/pdf`);
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe('review_participant_not_found');
    }
    const other = await createTestTeam(t.app, []);
    const elsewhere = await t.app.inject(
      as(other.owner, {
        method: 'GET',
        url: `/api/v1/w/${other.workspaceId}/review-participants/${participantId}/pdf`,
      }),
    );
    expect(elsewhere.statusCode).toBe(404);
  }, 60_000);

  it('without Chromium: 503 naming CHROMIUM_PATH, in the caller’s language; nothing for someone without access', async () => {
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const english = await download(t.manager, `/review-participants/${participantId}/pdf`);
      expect(english.statusCode).toBe(503);
      expect(english.json().error.code).toBe('review_pdf_browser_missing');
      expect(english.json().error.message).toContain('CHROMIUM_PATH');
      const chinese = await download(t.manager, `/review-participants/${participantId}/pdf`, 'zh-CN');
      expect(chinese.json().error.message).toContain('需要 Chromium');
      // Access is checked first: a bystander learns nothing, not even that PDF is unavailable.
      expect((await download(bystander, `/review-participants/${participantId}/pdf`)).statusCode).toBe(404);
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
  });
});

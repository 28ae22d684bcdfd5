/**
 * Event logs generated for tests, with the figures they must produce worked out as they are written, so a test
 * can check the analysis against numbers computed without it.
 */

export type GeneratedLog = {
  /** CSV text: BOM, CRLF, columns in a shuffled order, some fields quoted, rows shuffled. */
  csv: string;
  /** Per step: the waits and work times of completed visits (hours), and time in completed cases. */
  steps: Map<string, { waits: number[]; works: number[]; hoursInCompletedCases: number }>;
  /** Lead times of completed cases, in hours. */
  leadTimes: number[];
  cases: { completed: number; active: number; cancelled: number };
  /** Repeat visits and their completed hours, per step. */
  rework: Map<string, { visits: number; hours: number }>;
  /** Paths of completed cases joined with ' > ', with their counts. */
  variants: Map<string, number>;
  /** Steps in the order of the process. */
  order: string[];
};

/** Deterministic pseudo-random numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The median as a spreadsheet takes it: the mean of the middle two of an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(middle)] ?? 0) + (sorted[Math.ceil(middle)] ?? 0)) / 2;
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}

/** An instant written in one of the forms a log may use; local forms are in Asia/Shanghai (UTC+8, no DST). */
function writeTime(instant: number, form: number): string {
  const at = (offsetMinutes: number) => {
    const date = new Date(instant + offsetMinutes * MINUTE_MS);
    return {
      y: date.getUTCFullYear(),
      mo: date.getUTCMonth() + 1,
      d: date.getUTCDate(),
      h: date.getUTCHours(),
      mi: date.getUTCMinutes(),
    };
  };
  switch (form) {
    case 0: {
      const t = at(480);
      return `${t.y}-${two(t.mo)}-${two(t.d)}T${two(t.h)}:${two(t.mi)}:00+08:00`;
    }
    case 1: {
      const t = at(0);
      return `${t.y}-${two(t.mo)}-${two(t.d)}T${two(t.h)}:${two(t.mi)}:00Z`;
    }
    case 2: {
      const t = at(-300);
      return `${t.y}-${two(t.mo)}-${two(t.d)}T${two(t.h)}:${two(t.mi)}-05:00`;
    }
    case 3: {
      const t = at(480);
      return `${t.y}-${two(t.mo)}-${two(t.d)} ${two(t.h)}:${two(t.mi)}`;
    }
    default: {
      const t = at(480);
      return `${t.y}/${t.mo}/${t.d} ${t.h}:${two(t.mi)}`;
    }
  }
}

/**
 * `caseCount` cases through 受理 → 分类 → 处理 → 回访 with whole-minute waits and work, gaps between steps, rework
 * loops back from 处理 to 分类, empty started_at, active and cancelled cases, and every timestamp form.
 */
export function generateEventLog(caseCount: number, seed: number): GeneratedLog {
  const random = mulberry32(seed);
  const minutes = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const order = ['受理', '分类', '处理', '回访'];
  const steps = new Map(
    order.map((step) => [step, { waits: [] as number[], works: [] as number[], hoursInCompletedCases: 0 }]),
  );
  const rework = new Map<string, { visits: number; hours: number }>();
  const variants = new Map<string, number>();
  const leadTimes: number[] = [];
  const cases = { completed: 0, active: 0, cancelled: 0 };
  const rows: string[][] = [];
  const start = Date.UTC(2026, 2, 1, 1, 0);

  for (let index = 0; index < caseCount; index += 1) {
    const caseId = `C${String(index).padStart(5, '0')}`;
    const fate = random();
    const status = fate < 0.8 ? 'completed' : fate < 0.9 ? 'active' : 'cancelled';
    const path = [...order];
    if (random() < 0.2) path.splice(3, 0, '分类', '处理');
    if (random() < 0.05) path.splice(3, 0, '分类', '处理');
    // Unfinished cases stop somewhere along the path, their last visit open.
    const length = status === 'completed' ? path.length : 1 + Math.floor(random() * path.length);
    let clock = start + index * 97 * MINUTE_MS;
    const caseStart = clock;
    let lastCompleted = clock;
    const seen = new Set<string>();
    const visits: Array<{ step: string; hours: number | null; wait: number; work: number; isOpen: boolean }> =
      [];
    for (let position = 0; position < length; position += 1) {
      const step = path[position] ?? '';
      const entered = clock;
      const isLast = position === length - 1;
      const isOpen = status !== 'completed' && isLast;
      const isStartRecorded = random() > 0.1;
      const wait = minutes(1, 600);
      const work = isStartRecorded ? minutes(1, 300) : 0;
      const started = isOpen && random() < 0.5 ? null : entered + wait * MINUTE_MS;
      const completed = isOpen ? null : entered + (wait + work) * MINUTE_MS;
      const form = Math.floor(random() * 5);
      const statusCell =
        status === 'completed'
          ? random() < 0.5
            ? 'completed'
            : ''
          : status === 'active'
            ? random() < 0.5
              ? 'active'
              : ''
            : 'cancelled';
      rows.push([
        caseId,
        step,
        writeTime(entered, form),
        isStartRecorded && started !== null ? writeTime(started, (form + 1) % 5) : '',
        completed === null ? '' : writeTime(completed, (form + 2) % 5),
        `person${minutes(1, 4)}`,
        statusCell,
      ]);
      visits.push({
        step,
        hours: completed === null ? null : (completed - entered) / HOUR_MS,
        wait,
        work,
        isOpen,
      });
      if (seen.has(step)) {
        const entry = rework.get(step) ?? { visits: 0, hours: 0 };
        entry.visits += 1;
        entry.hours += completed === null ? 0 : (completed - entered) / HOUR_MS;
        rework.set(step, entry);
      }
      seen.add(step);
      if (completed !== null) {
        lastCompleted = completed;
        clock = completed + minutes(0, 30) * MINUTE_MS;
      }
    }
    cases[status] += 1;
    for (const visit of visits) {
      if (visit.isOpen) continue;
      const entry = steps.get(visit.step);
      if (!entry) continue;
      entry.waits.push(visit.wait / 60);
      entry.works.push(visit.work / 60);
    }
    if (status === 'completed') {
      leadTimes.push((lastCompleted - caseStart) / HOUR_MS);
      for (const visit of visits) {
        const entry = steps.get(visit.step);
        if (entry && visit.hours !== null) entry.hoursInCompletedCases += visit.hours;
      }
      const key = visits.map((visit) => visit.step).join(' > ');
      variants.set(key, (variants.get(key) ?? 0) + 1);
    }
  }

  // Shuffle rows so nothing depends on the file being sorted.
  for (let index = rows.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [rows[index], rows[other]] = [rows[other] ?? [], rows[index] ?? []];
  }
  const header = ['Case ID', 'step', 'Entered At', 'started_at', 'COMPLETED_AT', 'assignee', 'case_status'];
  const columnOrder = [2, 0, 4, 1, 3, 6, 5];
  const quote = (cell: string, position: number) =>
    position % 3 === 0 ? `"${cell.replaceAll('"', '""')}"` : cell;
  const lines = [header, ...rows].map((cells) =>
    columnOrder.map((column, position) => quote(cells[column] ?? '', position)).join(','),
  );
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, steps, leadTimes, cases, rework, variants, order };
}

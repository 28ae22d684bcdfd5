const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// Time-zone rules change offsets on quarter-hour boundaries (UTC) since the 1900s, so one lookup per quarter hour
// serves every instant in it.
const BUCKET_MS = 15 * MINUTE_MS;

/** True when the runtime knows the IANA zone name (e.g. Asia/Shanghai, America/New_York). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Wall-clock times of one IANA zone turned into instants, the way Temporal's 'compatible' disambiguation does:
 * a time that occurs twice when clocks go back is the earlier instant; a time skipped when clocks go forward is
 * moved forward by the gap (02:30 on a spring-forward night of New York is 03:30 EDT). Offsets are cached per
 * quarter hour, so a million timestamps cost a few thousand Intl calls.
 */
export class ZoneClock {
  readonly timeZone: string;
  /** Wall times that occurred twice (taken as the earlier) and wall times that never occurred (moved forward). */
  readonly counts = { ambiguous: 0, skipped: 0 };
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();
  /** Per UTC day: its one offset, or NaN when the offset changes that day. */
  private readonly dayOffsets = new Map<number, number>();

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Local time minus UTC at an instant, in milliseconds. */
  offsetAt(instant: number): number {
    // Most days have one offset all day: one lookup per day then, and quarter hours only on the change days.
    const day = Math.floor(instant / DAY_MS);
    let dayOffset = this.dayOffsets.get(day);
    if (dayOffset === undefined) {
      const atStart = this.bucketOffset(day * DAY_MS);
      dayOffset = atStart === this.bucketOffset((day + 1) * DAY_MS) ? atStart : Number.NaN;
      this.dayOffsets.set(day, dayOffset);
    }
    return Number.isNaN(dayOffset) ? this.bucketOffset(instant) : dayOffset;
  }

  private bucketOffset(instant: number): number {
    const bucket = Math.floor(instant / BUCKET_MS);
    const cached = this.offsets.get(bucket);
    if (cached !== undefined) return cached;
    const start = bucket * BUCKET_MS;
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(start)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    const offset = wall - start;
    this.offsets.set(bucket, offset);
    return offset;
  }

  /** The instant of a wall-clock time given as milliseconds since 1970-01-01T00:00 of that wall clock. */
  toInstant(wallMs: number): number {
    const before = this.offsetAt(wallMs - DAY_MS);
    const after = this.offsetAt(wallMs + DAY_MS);
    if (before === after) return wallMs - before;
    // A transition within a day: try the offset of each side and keep the readings that are consistent.
    const early = wallMs - before;
    const late = wallMs - after;
    const isEarlyValid = this.offsetAt(early) === before;
    const isLateValid = this.offsetAt(late) === after;
    if (isEarlyValid && isLateValid && early !== late) {
      this.counts.ambiguous += 1;
      return Math.min(early, late);
    }
    if (isEarlyValid) return early;
    if (isLateValid) return late;
    // In the gap: read with the offset before the jump, which lands as far past it as the time was into it.
    this.counts.skipped += 1;
    return early;
  }

  /** Offset in whole minutes at an instant (for the ISO weeks of throughput). */
  offsetMinutesAt(instant: number): number {
    return Math.round(this.offsetAt(instant) / MINUTE_MS);
  }
}

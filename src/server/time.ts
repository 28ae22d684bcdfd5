/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day ('YYYY-MM-DD') of instants in a time zone, the formatter built once per zone. */
export function dayFormatter(timezone: string): (instant: number) => string {
  let format = dayFormats.get(timezone);
  if (!format) {
    // Throws a RangeError for an unknown zone before anything is kept.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timezone, format);
  }
  const kept = format;
  return (instant) => kept.format(instant);
}

/** The calendar day ('YYYY-MM-DD') of an instant in a time zone: deadlines and periods are days there. */
export function dayInTimezone(instant: number, timezone: string): string {
  return dayFormatter(timezone)(instant);
}

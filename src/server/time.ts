/** The calendar day ('YYYY-MM-DD') of an instant in a time zone: deadlines and periods are days there. */
export function dayInTimezone(instant: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

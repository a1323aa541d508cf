const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

const DAY_MS = 86_400_000;

/** "14:02": the day is shown by the separator above the bubble. */
export function shortTime(ts: number): string {
  return timeFormat.format(ts);
}

/** The full date and time, for tooltips. */
export function fullTime(ts: number): string {
  return fullFormat.format(ts);
}

/** Whether two times fall on the same local calendar day. */
export function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/** Calendar days from `ts` to `now` in local time (0 today, 1 yesterday), DST-proof. */
export function daysAgo(ts: number, now: number): number {
  const midnight = (t: number) => {
    const d = new Date(t);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  };
  return Math.round((midnight(now) - midnight(ts)) / DAY_MS);
}

/**
 * A date separator's words: "Today", "Yesterday", the weekday within the last week
 * ("Monday"), then the date ("Tuesday 4 March", with the year when it is not this year's).
 */
export function dayLabel(ts: number, now = Date.now(), locale?: string): string {
  const days = daysAgo(ts, now);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days > 1 && days < 7) return new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(ts);
  const thisYear = new Date(ts).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(thisYear ? {} : { year: 'numeric' }),
  }).format(ts);
}

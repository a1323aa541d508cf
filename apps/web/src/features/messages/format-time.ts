const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/** "14:02" today, "12 Mar, 14:02" on other days. */
export function shortTime(ts: number, now = Date.now()): string {
  const sameDay = new Date(ts).toDateString() === new Date(now).toDateString();
  return (sameDay ? timeFormat : dayTimeFormat).format(ts);
}

/** The full date and time, for tooltips. */
export function fullTime(ts: number): string {
  return fullFormat.format(ts);
}

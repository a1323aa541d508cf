import { dayLabel } from './format-time.ts';

/** The line above a day's first message: "Today", "Yesterday", "Monday", a date. */
export function DaySeparator(props: { ts: number }) {
  const day = new Date(props.ts);
  const iso = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  return (
    <h2 class="day-separator">
      <time dateTime={iso}>{dayLabel(props.ts)}</time>
    </h2>
  );
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

import { MAX_WAVEFORM_BARS, MAX_WAVEFORM_LEVEL } from '@yam/client';

/**
 * Shrinks the levels measured while recording (0–1, one per animation frame or so) to at
 * most `bars` levels of 0–31 for the message: the peak of each slice, scaled so the
 * loudest bar is full height (a quiet recording still draws a shape).
 */
export function waveformOf(levels: readonly number[], bars = MAX_WAVEFORM_BARS): number[] {
  const count = Math.min(bars, levels.length);
  if (count === 0) return [];
  const peaks: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * levels.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * levels.length) / count));
    let peak = 0;
    for (let j = from; j < to; j++) {
      const v = levels[j] ?? 0;
      if (Number.isFinite(v) && v > peak) peak = v;
    }
    peaks.push(Math.min(1, peak));
  }
  const loudest = Math.max(...peaks);
  if (loudest <= 0) return peaks.map(() => 0);
  return peaks.map((p) => Math.round((p / loudest) * MAX_WAVEFORM_LEVEL));
}

/** "0:07", "1:05", "1:02:03": a duration as the bubble and the recorder show it. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The playback speeds the speed button cycles through. */
export const SPEEDS = [1, 1.5, 2] as const;

/** The speed after `speed` in the cycle 1× → 1.5× → 2× → 1×. */
export function nextSpeed(speed: number): (typeof SPEEDS)[number] {
  const i = SPEEDS.indexOf(speed as (typeof SPEEDS)[number]);
  return SPEEDS[(i + 1) % SPEEDS.length] ?? 1;
}

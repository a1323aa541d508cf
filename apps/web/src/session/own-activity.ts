import { signal } from '@preact/signals';

/** No input for this long makes this device "away". */
export const AWAY_AFTER_MS = 2 * 60_000;

/** Where signs of the user come from: `hidden` is true while the tab is not shown. */
export type ActivityEvents = (onActivity: (hidden: boolean) => void) => () => void;

/** This device's own presence: away while the tab is hidden or after 2 minutes idle. */
export class OwnActivity {
  readonly state = signal<'online' | 'away'>('online');
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #stop: () => void;

  constructor(events: ActivityEvents) {
    this.#stop = events((hidden) => this.#active(hidden));
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#stop();
  }

  #active(hidden: boolean): void {
    clearTimeout(this.#timer);
    if (hidden) {
      this.state.value = 'away';
      return;
    }
    this.state.value = 'online';
    this.#timer = setTimeout(() => (this.state.value = 'away'), AWAY_AFTER_MS);
  }
}

import type { PresenceSource } from '../../session/room-ports.ts';

/** While typing, "active" is repeated this often, so a late joiner sees it too. */
const REPEAT_MS = 3_000;
/** No keystroke for this long means the user stopped. */
const IDLE_MS = 4_000;

/**
 * Turns keystrokes in the composer into typing frames: "active" at the first keystroke
 * (then at most every 3 s), "stopped" after 4 s without one or when the message is sent.
 */
export class TypingSender {
  readonly #source: Pick<PresenceSource, 'setTyping'>;
  #lastActive = 0;
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(source: Pick<PresenceSource, 'setTyping'>) {
    this.#source = source;
  }

  keystroke(empty: boolean): void {
    if (empty) {
      this.stop();
      return;
    }
    const now = Date.now();
    if (now - this.#lastActive >= REPEAT_MS) {
      this.#lastActive = now;
      this.#source.setTyping(true);
    }
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.stop(), IDLE_MS);
  }

  stop(): void {
    clearTimeout(this.#idle);
    this.#idle = undefined;
    if (this.#lastActive === 0) return;
    this.#lastActive = 0;
    this.#source.setTyping(false);
  }
}

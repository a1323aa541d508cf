import { signal } from '@preact/signals';

/** A message to scroll to and highlight: a search result that was clicked. */
export type FocusTarget = {
  /** The room list key. */
  room: string;
  /** The timeline item key (`<clientId>:<cmid>`). */
  key: string;
  seq: number;
  /** Changes on every request, so the same message can be jumped to twice. */
  token: number;
};

/** Which message the open room should show next; the room's message list takes it. */
export class MessageFocus {
  readonly target = signal<FocusTarget | undefined>(undefined);
  #token = 0;

  show(room: string, key: string, seq: number): void {
    this.target.value = { room, key, seq, token: ++this.#token };
  }
}

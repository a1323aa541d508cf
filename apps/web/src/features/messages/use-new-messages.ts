import { useEffect, useRef, useState } from 'preact/hooks';
import type { TimelineRow } from './timeline-rows.ts';

type Jump = { key: string; token: number } | undefined;

/**
 * The list's "new messages" behaviour: on opening, it scrolls the "New messages" divider
 * into view (once); scrolled up when someone else's message arrives, it shows the
 * "New messages ↓" pill, which scrolls to the bottom; reaching the bottom hides it.
 */
export function useNewMessages(
  rows: readonly TimelineRow[],
  jump: (update: (j: Jump) => Jump) => void,
) {
  const atBottom = useRef(true);
  const [bottom, setBottom] = useState(true);
  const [pill, setPill] = useState(false);
  const [endToken, setEndToken] = useState(0);
  const lastKey = useRef<string | undefined>(undefined);
  const jumped = useRef(false);

  const last = rows[rows.length - 1];
  useEffect(() => {
    const previous = lastKey.current;
    lastKey.current = last?.key;
    if (!last || previous === undefined || previous === last.key) return;
    const fromOthers = last.kind !== 'item' || !last.item.own;
    if (!atBottom.current && fromOthers) setPill(true);
  }, [last?.key]);

  const divider = rows.find((r) => r.unread)?.key;
  useEffect(() => {
    if (!divider || jumped.current) return;
    jumped.current = true;
    jump((j) => ({ key: divider, token: (j?.token ?? 0) + 1 }));
  }, [divider]);

  return {
    pill,
    /** The newest messages are in view. */
    bottom,
    /** Added to the list's scroll-to-end token: the pill's click scrolls down. */
    endToken,
    onBottomChange(bottom: boolean) {
      atBottom.current = bottom;
      setBottom(bottom);
      if (bottom) setPill(false);
    },
    scrollDown() {
      setPill(false);
      setEndToken((t) => t + 1);
    },
  };
}

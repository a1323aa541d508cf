import type { ComponentChild } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export type VirtualListProps<T> = {
  items: readonly T[];
  itemKey(item: T): string;
  renderItem(item: T, index: number): ComponentChild;
  /** Height guessed for rows not measured yet. */
  estimateHeight: number;
  /** Extra pixels rendered above and below the viewport, so fast scrolls show no gaps. */
  overscan?: number;
  /** Called when the view is near the top (or the content does not fill the view). */
  onNearTop?(): void;
  /** Changing this number scrolls to the newest row (e.g. after sending). */
  scrollToEndToken?: number;
  /** Scrolls the row with this key into the middle of the view (a new token each time). */
  scrollToKey?: { key: string; token: number } | undefined;
  /** Told when the view reaches the bottom or leaves it (the "New messages" pill). */
  onBottomChange?(atBottom: boolean): void;
  label: string;
  class?: string;
};

type Layout = { keys: string[]; offsets: Float64Array };

const NEAR_TOP_PX = 400;
const BOTTOM_SLACK_PX = 48;

/**
 * A chat-style virtual list: only rows in view (plus overscan) are in the DOM, rows are
 * measured as they render, and the view stays put when rows above it change height or
 * older rows are prepended. It follows new rows while scrolled to the bottom.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, itemKey, estimateHeight } = props;
  const overscan = props.overscan ?? 600;
  const scroller = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const atBottom = useRef(true);
  const anchor = useRef<{ key: string; delta: number } | undefined>(undefined);
  const layout = useRef<Layout>({ keys: [], offsets: new Float64Array(1) });
  const lastToken = useRef(props.scrollToEndToken);
  const lastJump = useRef(props.scrollToKey?.token);
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  const [, setVersion] = useState(0);
  const observer = useRef<ResizeObserver | undefined>(undefined);

  if (!observer.current && typeof ResizeObserver !== 'undefined') {
    observer.current = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const el = entry.target as HTMLElement;
        const key = el.dataset.key;
        if (key === undefined) continue;
        const h = entry.borderBoxSize[0]?.blockSize ?? el.offsetHeight;
        if (h > 0 && heights.current.get(key) !== h) {
          heights.current.set(key, h);
          changed = true;
        }
      }
      if (changed) setVersion((v) => v + 1);
    });
  }

  const keys = items.map(itemKey);
  const offsets = new Float64Array(keys.length + 1);
  for (let i = 0; i < keys.length; i++) {
    offsets[i + 1] = offsets[i]! + (heights.current.get(keys[i]!) ?? estimateHeight);
  }
  layout.current = { keys, offsets };
  const total = offsets[keys.length]!;
  const start = Math.max(0, indexAt(offsets, viewport.top - overscan));
  const end = Math.min(
    keys.length,
    indexAt(offsets, viewport.top + viewport.height + overscan) + 1,
  );

  // After every render: keep the bottom pinned, or keep the anchored row where it was.
  useLayoutEffect(() => {
    const el = scroller.current;
    const body = inner.current;
    if (!el || !body) return;
    if (props.scrollToEndToken !== lastToken.current) {
      lastToken.current = props.scrollToEndToken;
      if (!atBottom.current) props.onBottomChange?.(true);
      atBottom.current = true;
    }
    const jump = props.scrollToKey;
    const jumpAt = jump ? layout.current.keys.indexOf(jump.key) : -1;
    if (jump && jump.token !== lastJump.current && jumpAt >= 0) {
      lastJump.current = jump.token;
      const { offsets: o } = layout.current;
      const rowMiddle = (o[jumpAt]! + o[jumpAt + 1]!) / 2;
      el.scrollTop = body.offsetTop + rowMiddle - el.clientHeight / 2;
      onScroll();
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    } else if (anchor.current) {
      const i = layout.current.keys.indexOf(anchor.current.key);
      if (i >= 0) {
        const want = body.offsetTop + layout.current.offsets[i]! + anchor.current.delta;
        if (Math.abs(el.scrollTop - want) > 1) el.scrollTop = want;
      }
    }
    if (el.scrollHeight <= el.clientHeight + 1) props.onNearTop?.();
  });

  // The viewport's own size changes (window resize, phone keyboard).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => onScroll());
    ro.observe(el);
    return () => {
      ro.disconnect();
      observer.current?.disconnect();
    };
  }, []);

  function onScroll() {
    const el = scroller.current;
    const body = inner.current;
    if (!el || !body) return;
    const top = el.scrollTop - body.offsetTop;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK_PX;
    if (bottom !== atBottom.current) props.onBottomChange?.(bottom);
    atBottom.current = bottom;
    const { keys: k, offsets: o } = layout.current;
    const i = Math.min(k.length - 1, indexAt(o, top));
    anchor.current = i >= 0 ? { key: k[i]!, delta: top - o[i]! } : undefined;
    setViewport((v) =>
      v.top === top && v.height === el.clientHeight ? v : { top, height: el.clientHeight },
    );
    if (top < NEAR_TOP_PX) props.onNearTop?.();
  }

  const rows: ComponentChild[] = [];
  for (let i = start; i < end; i++) {
    const key = keys[i]!;
    rows.push(
      <MeasuredRow key={key} rowKey={key} observer={observer.current}>
        {props.renderItem(items[i]!, i)}
      </MeasuredRow>,
    );
  }

  return (
    <div
      ref={scroller}
      class={`vlist ${props.class ?? ''}`}
      onScroll={onScroll}
      role="log"
      aria-label={props.label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-reachable to scroll it.
      tabIndex={0}
    >
      <div ref={inner} class="vlist-inner" style={{ height: `${total}px` }}>
        <div style={{ height: `${offsets[start]}px` }} />
        {rows}
      </div>
    </div>
  );
}

function MeasuredRow(props: {
  rowKey: string;
  observer: ResizeObserver | undefined;
  children: ComponentChild;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { observer } = props;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !observer) return;
    observer.observe(el);
    return () => observer.unobserve(el);
  }, [observer]);
  return (
    <div ref={ref} class="vlist-row" data-key={props.rowKey}>
      {props.children}
    </div>
  );
}

/** Index of the row containing pixel `y` (binary search over prefix offsets). */
function indexAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

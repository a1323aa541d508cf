import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import './popover.css';

/** Below this width a popover is a sheet along the bottom of the screen (a phone). */
const SHEET_MAX_WIDTH = 520;
const MARGIN = 8;

/**
 * A small floating panel beside its anchor (a menu, a picker). It is fixed to the window so
 * a scrolling list never clips it, flips above the anchor when there is no room below,
 * closes on Escape, a press outside or a scroll of the page behind, and hands focus back
 * to the anchor when closed with the keyboard.
 */
export function Popover(props: {
  anchor: HTMLElement | null;
  /** Lay out as a bottom sheet on narrow screens (the emoji picker). */
  sheetOnPhone?: boolean;
  class: string;
  onClose(refocus: boolean): void;
  children: ComponentChildren;
}) {
  const panel = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<Record<string, string>>({ visibility: 'hidden' });
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useLayoutEffect(() => {
    const el = panel.current;
    const anchor = props.anchor;
    if (!el || !anchor) return;
    const w = window.innerWidth;
    const h = window.innerHeight;
    if (props.sheetOnPhone && w <= SHEET_MAX_WIDTH) {
      setPlace({ left: `${MARGIN}px`, right: `${MARGIN}px`, bottom: `${MARGIN}px` });
      return;
    }
    const a = anchor.getBoundingClientRect();
    const { width, height } = el.getBoundingClientRect();
    const below = a.bottom + 4 + height <= h - MARGIN;
    const top = below ? a.bottom + 4 : Math.max(MARGIN, a.top - 4 - height);
    const left = Math.min(Math.max(MARGIN, a.right - width), w - width - MARGIN);
    setPlace({ top: `${top}px`, left: `${Math.max(MARGIN, left)}px` });
  }, [props.anchor, props.sheetOnPhone]);

  useEffect(() => {
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (panel.current?.contains(target) || props.anchor?.contains(target)) return;
      onClose.current(false);
    };
    const key = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose.current(true);
      }
    };
    const scroll = (event: Event) => {
      if (!panel.current?.contains(event.target as Node)) onClose.current(false);
    };
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('keydown', key, true);
    document.addEventListener('scroll', scroll, true);
    window.addEventListener('resize', scroll);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      document.removeEventListener('keydown', key, true);
      document.removeEventListener('scroll', scroll, true);
      window.removeEventListener('resize', scroll);
    };
  }, [props.anchor]);

  return (
    <div ref={panel} class={`popover ${props.class}`} style={place}>
      {props.children}
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import './panel.css';
import { CloseButton } from './close-button.tsx';

type Props = {
  title: string;
  side: 'left' | 'right';
  /** A feature's own class beside `panel` (its width, its layout). */
  class?: string;
  onClose(): void;
  children: ComponentChildren;
};

/**
 * A small non-modal panel under the header. Escape or a click outside closes it; focus
 * moves into it on open so keyboard users land where they meant to go.
 */
export function Panel(props: Props) {
  const ref = useRef<HTMLElement>(null);
  // The latest onClose, without re-running the effect (callers pass inline arrows).
  const close = useRef(props.onClose);
  close.current = props.onClose;

  useEffect(() => {
    const el = ref.current;
    el?.querySelector<HTMLElement>('input, button:not(.panel-close), textarea')?.focus();
    const onClose = () => close.current();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      // Clicks on the header button that toggles the panel are handled by that button.
      if (el && !el.contains(target) && !(target as Element).closest?.('[data-panel-toggle]')) {
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, []);

  return (
    <section
      ref={ref}
      class={`panel panel-${props.side} ${props.class ?? ''}`}
      role="dialog"
      aria-label={props.title}
    >
      <header class="panel-header">
        <h2>{props.title}</h2>
        <CloseButton class="panel-close" onClick={props.onClose} />
      </header>
      {props.children}
    </section>
  );
}

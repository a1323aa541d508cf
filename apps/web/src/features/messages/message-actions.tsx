import { useEffect, useRef } from 'preact/hooks';
import { Popover } from '../../ui/popover.tsx';
import './message-actions.css';

export type MessageAction = 'reply' | 'thread' | 'react' | 'edit' | 'copy' | 'delete';

const ITEMS: readonly { action: MessageAction; label: string; icon: string }[] = [
  {
    action: 'reply',
    label: 'Reply',
    icon: 'M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11z',
  },
  {
    action: 'react',
    label: 'React',
    icon: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-3.5 7a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm7 0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zM12 18c-2.6 0-4.8-1.6-5.7-4h11.4c-.9 2.4-3.1 4-5.7 4z',
  },
  {
    action: 'thread',
    label: 'Reply in thread',
    icon: 'M4 4h12a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H9l-4 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm16 4h0a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-1v3l-3-3h-5v-2h6a3 3 0 0 0 3-3V8z',
  },
  {
    action: 'edit',
    label: 'Edit',
    icon: 'M3 17.25V21h3.75L17.8 9.94l-3.75-3.75L3 17.25zM20.7 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z',
  },
  {
    action: 'copy',
    label: 'Copy text',
    icon: 'M16 1H4a2 2 0 0 0-2 2v14h2V3h12V1zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2zm0 16H8V7h11v14z',
  },
  {
    action: 'delete',
    label: 'Delete',
    icon: 'M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z',
  },
];

/** The "⋯" button on a bubble (shown on hover, always in the tab order). */
export function MessageActionsButton(props: {
  open: boolean;
  onToggle(button: HTMLButtonElement): void;
}) {
  return (
    <button
      type="button"
      class={`message-actions-button ${props.open ? 'open' : ''}`}
      aria-label="Message actions"
      aria-haspopup="menu"
      aria-expanded={props.open}
      onClick={(e) => props.onToggle(e.currentTarget)}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="5" cy="12" r="2" fill="currentColor" />
        <circle cx="12" cy="12" r="2" fill="currentColor" />
        <circle cx="19" cy="12" r="2" fill="currentColor" />
      </svg>
    </button>
  );
}

/** The menu itself: arrow keys move, Enter picks, Escape closes. */
export function MessageActionsMenu(props: {
  anchor: HTMLElement | null;
  /** The actions this message offers (Edit and Delete only where allowed). */
  allowed: ReadonlySet<MessageAction>;
  onPick(action: MessageAction): void;
  onClose(refocus: boolean): void;
}) {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  function onKeyDown(event: KeyboardEvent) {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0 || buttons.length === 0) return;
    event.preventDefault();
    buttons[(at + step + buttons.length) % buttons.length]?.focus();
  }
  return (
    <Popover anchor={props.anchor} class="message-actions-menu" onClose={props.onClose}>
      <div ref={list} role="menu" aria-label="Message actions" onKeyDown={onKeyDown}>
        {ITEMS.filter((i) => props.allowed.has(i.action)).map((i) => (
          <button
            key={i.action}
            type="button"
            role="menuitem"
            class={`menu-item ${i.action === 'delete' ? 'danger' : ''}`}
            onClick={() => props.onPick(i.action)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d={i.icon} fill="currentColor" />
            </svg>
            {i.label}
          </button>
        ))}
      </div>
    </Popover>
  );
}

/** Long-press (touch) opens the menu: 500 ms without moving. Returns pointer handlers. */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancel = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
  };
  useEffect(() => cancel, []);
  return {
    onPointerDown(event: PointerEvent) {
      if (event.pointerType !== 'touch') return;
      cancel();
      timer.current = setTimeout(onLongPress, 500);
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onPointerMove(event: PointerEvent) {
      if (event.pointerType === 'touch' && (event.movementX || event.movementY)) cancel();
    },
  };
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { useAppState } from '../../session/app-state-context.ts';
import type { RoomList } from '../../session/room-list.ts';
import { MentionBadge } from './mention-badge.tsx';
import './room-switcher.css';

type Props = {
  rooms: RoomList;
  onOpen(key: string): void;
  onAdd(): void;
  onCreate(): void;
};

/**
 * The top-centre room name, which is also the menu of all rooms with their unread
 * counts, and "Add room..." / "Create room..." at the bottom.
 */
export function RoomSwitcher(props: Props) {
  const { rooms } = props;
  const current = rooms.current.value;
  const unread = rooms.unread.value;
  const mentioned = useAppState().mentions.counts.value;
  const otherMentions = [...mentioned].reduce(
    (sum, [key, n]) => (key === current?.key ? sum : sum + n),
    0,
  );
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const otherUnread = [...unread].reduce(
    (sum, [key, n]) => (key === current?.key ? sum : sum + n),
    0,
  );

  useEffect(() => {
    if (!open) return;
    const el = ref.current;
    el?.querySelector<HTMLElement>(
      '[role="menuitem"][aria-current="true"], [role="menuitem"]',
    )?.focus();
    const onPointer = (e: PointerEvent) => {
      if (el && !el.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function choose(action: () => void) {
    setOpen(false);
    action();
  }

  function onMenuKey(e: KeyboardEvent) {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      ref.current?.querySelector<HTMLElement>('.room-switcher-button')?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      (e.key === 'Home' ? items[0] : items.at(-1))?.focus();
    }
  }

  if (!current) return null;
  return (
    <div class="room-switcher" ref={ref}>
      <h1 class="room-title">
        <button
          type="button"
          class="room-switcher-button"
          aria-haspopup="menu"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <span class="room-switcher-name">{current.name}</span>
          <MentionBadge count={otherMentions} where=" in other rooms" />
          {otherUnread > 0 && (
            <span class="unread-badge" title="Unread in other rooms">
              {otherUnread > 99 ? '99+' : otherUnread}
              <span class="visually-hidden"> unread in other rooms</span>
            </span>
          )}
          <svg class="chevron" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M7 10l5 5 5-5" stroke="currentColor" stroke-width="2" fill="none" />
          </svg>
        </button>
      </h1>
      {open && (
        <div class="room-menu" role="menu" aria-label="Rooms" tabIndex={-1} onKeyDown={onMenuKey}>
          {rooms.entries.value.map((entry) => {
            const count = unread.get(entry.key) ?? 0;
            return (
              <button
                key={entry.key}
                type="button"
                role="menuitem"
                class="room-menu-item"
                aria-current={entry.key === current.key ? 'true' : undefined}
                onClick={() => choose(() => props.onOpen(entry.key))}
              >
                <span class="room-menu-name">{entry.name}</span>
                <span class="room-menu-host">{new URL(entry.server).host}</span>
                <MentionBadge count={mentioned.get(entry.key) ?? 0} />
                {count > 0 && (
                  <span class="unread-badge">
                    {count > 99 ? '99+' : count}
                    <span class="visually-hidden"> unread</span>
                  </span>
                )}
              </button>
            );
          })}
          <hr class="room-menu-separator" />
          <button
            type="button"
            role="menuitem"
            class="room-menu-item action"
            onClick={() => choose(props.onAdd)}
          >
            Add room...
          </button>
          <button
            type="button"
            role="menuitem"
            class="room-menu-item action"
            onClick={() => choose(props.onCreate)}
          >
            Create room...
          </button>
        </div>
      )}
    </div>
  );
}

import { useAppState } from '../../session/app-state-context.ts';
import type { RoomList } from '../../session/room-list.ts';
import { MentionBadge } from './mention-badge.tsx';
import { sidebarGroups } from './sidebar-groups.ts';
import './room-sidebar.css';

type Props = {
  rooms: RoomList;
  onOpen(key: string): void;
  onAdd(): void;
  onCreate(): void;
};

/**
 * The desktop room list (≥1024 px wide, the CSS hides it below): rooms by server, DMs
 * apart, unread counts and an "@" for mentions of you, the open room highlighted, "Add room..." and "Create room..." at
 * the bottom. On a phone the header's dropdown does the same.
 */
export function RoomSidebar(props: Props) {
  const { rooms } = props;
  const current = rooms.currentKey.value;
  const unread = rooms.unread.value;
  const mentioned = useAppState().mentions.counts.value;
  return (
    <nav class="room-sidebar" aria-label="Room list">
      <div class="room-sidebar-scroll">
        {sidebarGroups(rooms.entries.value).map((group) => (
          <section key={group.key} class="room-sidebar-group" aria-label={group.label}>
            <h2 class="room-sidebar-heading">{group.label}</h2>
            <ul>
              {group.entries.map((entry) => {
                const count = unread.get(entry.key) ?? 0;
                const active = entry.key === current;
                return (
                  <li key={entry.key}>
                    <button
                      type="button"
                      class={`room-sidebar-item ${active ? 'active' : ''} ${count ? 'unread' : ''}`}
                      aria-current={active ? 'page' : undefined}
                      onClick={() => props.onOpen(entry.key)}
                    >
                      <span class="room-sidebar-initial" aria-hidden="true">
                        {[...entry.name.trim()][0]?.toUpperCase() ?? '#'}
                      </span>
                      <span class="room-sidebar-name">{entry.name}</span>
                      <MentionBadge count={mentioned.get(entry.key) ?? 0} />
                      {count > 0 && (
                        <span class="unread-badge">
                          {count > 99 ? '99+' : count}
                          <span class="visually-hidden"> unread</span>
                        </span>
                      )}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      <div class="room-sidebar-actions">
        <button type="button" class="button" onClick={props.onAdd}>
          Add room...
        </button>
        <button type="button" class="button" onClick={props.onCreate}>
          Create room...
        </button>
      </div>
    </nav>
  );
}

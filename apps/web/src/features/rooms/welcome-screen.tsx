import type { RoomEntry } from '../../session/room-entry.ts';
import { YamLogo } from '../../ui/yam-logo.tsx';
import './welcome-screen.css';

type Props = {
  entries: readonly RoomEntry[];
  onOpen(key: string): void;
  onAdd(): void;
  onCreate(): void;
};

/** No room open: create one, add one by its Room URL, or pick one from the list. */
export function WelcomeScreen(props: Props) {
  return (
    <main class="welcome">
      <div class="welcome-card">
        <YamLogo />
        <h1>Welcome to Yam</h1>
        <p class="lead">Private group chat. No sign-up: a room is a link.</p>
        <div class="welcome-actions">
          <button type="button" class="button primary big" onClick={props.onCreate}>
            Create room...
          </button>
          <button type="button" class="button big" onClick={props.onAdd}>
            Add room...
          </button>
        </div>
        {props.entries.length > 0 && (
          <nav class="welcome-rooms" aria-label="Your rooms">
            <div class="divider">
              <span>or open one of your rooms</span>
            </div>
            <ul>
              {props.entries.map((entry) => (
                <li key={entry.key}>
                  <button type="button" class="button" onClick={() => props.onOpen(entry.key)}>
                    {entry.name}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
    </main>
  );
}

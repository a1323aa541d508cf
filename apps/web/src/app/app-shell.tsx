import { Header } from './header.tsx';
import '../features/messages/composer.css';
import '../features/messages/message-list.css';
import '../features/rooms/room-switcher.css';
import './app-shell.css';

type Props = {
  /** The room the app will reopen (the one opened last), once the room list was read. */
  roomName: string | undefined;
};

/**
 * What the first paint shows while the app's code (the SDK, MLS, zod) is still on its way:
 * the frame, the room that will open, and a composer that says "Securing…" until the
 * secure session can take a message. The real app renders over it, with the same classes.
 */
export function AppShell(props: Props) {
  const noop = () => undefined;
  return (
    <div class="app" aria-busy="true">
      <Header
        title=""
        subtitle={
          props.roomName !== undefined && (
            <>
              <div class="room-switcher">
                <h1 class="room-title">
                  <span class="room-switcher-name">{props.roomName}</span>
                </h1>
              </div>
              <span class="connection connecting" role="status">
                <span class="dot" aria-hidden="true" />
                Securing…
              </span>
            </>
          )
        }
        menuOpen={false}
        busy
        onMenu={noop}
        onHome={noop}
      />
      {props.roomName === undefined ? (
        <main class="welcome shell-opening">
          <p role="status">Opening Yam…</p>
        </main>
      ) : (
        <main class="room">
          <div class="message-list">
            <div class="list-notice" role="status">
              Loading messages…
            </div>
          </div>
          <form class="composer" onSubmit={(e) => e.preventDefault()}>
            <label class="visually-hidden" for="composer-text">
              Message
            </label>
            <textarea id="composer-text" rows={1} disabled placeholder="Securing…" />
            <button type="submit" class="send-button" aria-label="Send" disabled>
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12 2-12 2z" fill="currentColor" />
              </svg>
            </button>
          </form>
        </main>
      )}
    </div>
  );
}

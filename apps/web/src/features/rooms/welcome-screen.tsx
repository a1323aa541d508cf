import type { RoomAddress } from '@yam/protocol';
import { useState } from 'preact/hooks';
import { YamLogo } from '../../app/yam-logo.tsx';
import { randomRoomId } from './random-room-id.ts';
import { routeFromSearch } from './room-route.ts';
import './welcome-screen.css';

type Props = { server: string; invalidInput?: string; onOpen(address: RoomAddress): void };

/** No room open: create one on this server, or paste a Room URL someone sent. */
export function WelcomeScreen(props: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(
    props.invalidInput === undefined ? undefined : `“${props.invalidInput}” is not a Room URL.`,
  );

  function join(e: Event) {
    e.preventDefault();
    const route = routeFromSearch(`?room=${encodeURIComponent(text.trim())}`, props.server);
    if (route.kind === 'room') props.onOpen(route.address);
    else setError('That is not a Room URL. It looks like https://example.org/?room=…');
  }

  return (
    <main class="welcome">
      <div class="welcome-card">
        <YamLogo />
        <h1>Welcome to Yam</h1>
        <p class="lead">Private group chat. No sign-up: a room is a link.</p>
        <button
          type="button"
          class="button primary big"
          onClick={() => props.onOpen({ server: props.server, room: randomRoomId() })}
        >
          Create room
        </button>
        <div class="divider">
          <span>or join one</span>
        </div>
        <form class="join-form" onSubmit={join}>
          <label class="field">
            <span>Room URL</span>
            <input
              type="text"
              inputMode="url"
              placeholder="Paste a Room URL"
              value={text}
              onInput={(e) => {
                setText((e.target as HTMLInputElement).value);
                setError(undefined);
              }}
            />
          </label>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="button" disabled={!text.trim()}>
            Join room
          </button>
        </form>
      </div>
    </main>
  );
}

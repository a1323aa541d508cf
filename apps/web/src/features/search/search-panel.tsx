import { useEffect, useState } from 'preact/hooks';
import type { SearchHit } from '../../platform/search/search-index.ts';
import { useAppState } from '../../session/app-state-context.ts';
import { Panel } from '../../ui/panel.tsx';
import { snippetOf } from './snippet.ts';
import './search-panel.css';

type Scope = 'room' | 'all';

/** Typing pauses this long before a search runs. */
const DEBOUNCE_MS = 120;

/**
 * "Search messages": full-text search of what this device has decrypted, in the open room
 * or in every room. The server cannot help (it holds only ciphertext), so the index is
 * built here, in a worker. Choosing a result opens its room at the message.
 */
export function SearchPanel(props: { onClose(): void }) {
  const { search, searchCatchingUp, rooms, navigation, focus, identity } = useAppState();
  const current = rooms.current.value;
  const [text, setText] = useState('');
  const [scope, setScope] = useState<Scope>(current ? 'room' : 'all');
  const [state, setState] = useState<{ hits: SearchHit[]; for: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  const room = scope === 'room' ? current?.key : undefined;

  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setState(undefined);
      setBusy(false);
      return;
    }
    let live = true;
    setBusy(true);
    const timer = setTimeout(() => {
      search
        .search({ text: query, room, limit: 50 })
        .then((hits) => {
          if (!live) return;
          setState({ hits, for: query });
          setError(false);
        })
        .catch(() => live && setError(true))
        .finally(() => live && setBusy(false));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, room, search]);

  const names = new Map(rooms.entries.value.map((e) => [e.key, e.name]));
  const open = (hit: SearchHit) => {
    if (rooms.currentKey.value !== hit.room) navigation.showRoom(hit.room);
    focus.show(hit.room, hit.key, hit.seq);
    // On a phone the panel covers the room: get out of the way.
    if (window.matchMedia('(max-width: 1023px)').matches) props.onClose();
  };

  return (
    <Panel title="Search messages" side="right" class="search-panel" onClose={props.onClose}>
      <div class="search-body">
        <input
          type="search"
          class="search-input"
          placeholder="Search messages"
          aria-label="Search messages"
          maxLength={200}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <fieldset class="search-scope">
          <legend class="visually-hidden">Where to search</legend>
          <ScopeButton
            label="This room"
            on={scope === 'room'}
            disabled={!current}
            pick={() => setScope('room')}
          />
          <ScopeButton label="All rooms" on={scope === 'all'} pick={() => setScope('all')} />
        </fieldset>
        <div class="search-results" aria-live="polite">
          {!text.trim() && (
            <p class="search-note">
              Search looks through the messages this device can read. They are searched here, never
              on the server.
            </p>
          )}
          {text.trim() && busy && !state && <p class="search-note">Searching…</p>}
          {searchCatchingUp.value > 0 && (
            <p class="search-note" role="status">
              Still adding older messages to the search…
            </p>
          )}
          {error && (
            <p class="search-note">
              Search is not available right now. Reload the page to try again.
            </p>
          )}
          {state && !error && state.hits.length === 0 && (
            <p class="search-note">No messages match “{state.for}”.</p>
          )}
          {state && state.hits.length > 0 && (
            <ul class="search-hits">
              {state.hits.map((hit) => (
                <li key={hit.id}>
                  <button type="button" class="search-hit" onClick={() => open(hit)}>
                    <span class="search-hit-head">
                      <span class="search-hit-name">
                        {hit.from === identity.clientId ? 'You' : hit.name}
                      </span>
                      {scope === 'all' && (
                        <span class="search-hit-room">
                          in {names.get(hit.room) ?? 'another room'}
                        </span>
                      )}
                      <time class="search-hit-time" dateTime={new Date(hit.ts).toISOString()}>
                        {whenSent(hit.ts)}
                      </time>
                    </span>
                    <span class="search-hit-text">
                      {snippetOf(hit.text, hit.terms).map((part, i) =>
                        part.match ? <mark key={i}>{part.text}</mark> : part.text,
                      )}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Panel>
  );
}

function ScopeButton(props: { label: string; on: boolean; disabled?: boolean; pick(): void }) {
  return (
    <button
      type="button"
      aria-pressed={props.on}
      class={`search-scope-button ${props.on ? 'on' : ''}`}
      disabled={props.disabled}
      onClick={props.pick}
    >
      {props.label}
    </button>
  );
}

/** "14:05" today, "3 Nov" this year, "3 Nov 2025" before. */
function whenSent(ts: number, now = new Date()): string {
  const date = new Date(ts);
  if (date.toDateString() === now.toDateString()) {
    return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }
  const sameYear = date.getFullYear() === now.getFullYear();
  return date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

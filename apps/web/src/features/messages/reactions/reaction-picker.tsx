import { useEffect, useRef, useState } from 'preact/hooks';
import { Popover } from '../../../ui/popover.tsx';
import { type EmojiEntry, loadEmoji, searchEmoji } from './emoji-search.ts';
import { recentEmoji } from './recent-emoji.ts';
import './reaction-picker.css';

/** The quick row, as most chat apps offer it. */
export const QUICK_EMOJI: readonly { emoji: string; name: string }[] = [
  { emoji: '👍', name: 'thumbs up' },
  { emoji: '❤️', name: 'red heart' },
  { emoji: '😂', name: 'face with tears of joy' },
  { emoji: '😮', name: 'face with open mouth' },
  { emoji: '😢', name: 'crying face' },
  { emoji: '🙏', name: 'folded hands' },
];

/** "React": the quick row, the recent row and a search over every emoji. */
export function ReactionPicker(props: {
  anchor: HTMLElement | null;
  onPick(emoji: string): void;
  onClose(refocus: boolean): void;
}) {
  const [query, setQuery] = useState('');
  const [all, setAll] = useState<readonly EmojiEntry[] | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [recent] = useState(recentEmoji);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (!query.trim() || all || failed) return;
    let live = true;
    loadEmoji().then(
      (entries) => live && setAll(entries),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [query, all, failed]);
  const results = all ? searchEmoji(all, query) : [];
  const emojiButton = (e: { emoji: string; name: string }, ref?: typeof first) => (
    <button
      key={e.emoji}
      ref={ref}
      type="button"
      class="emoji-button"
      aria-label={e.name}
      title={e.name}
      onClick={() => props.onPick(e.emoji)}
    >
      {e.emoji}
    </button>
  );
  return (
    <Popover anchor={props.anchor} sheetOnPhone class="reaction-picker" onClose={props.onClose}>
      <div role="dialog" aria-label="Pick a reaction">
        <fieldset class="emoji-row quick" aria-label="Quick reactions">
          {QUICK_EMOJI.map((e, i) => emojiButton(e, i === 0 ? first : undefined))}
        </fieldset>
        {recent.length > 0 && (
          <fieldset class="emoji-row" aria-label="Recent">
            <span class="emoji-row-label">Recent</span>
            {recent.map((emoji) => emojiButton({ emoji, name: emoji }))}
          </fieldset>
        )}
        <input
          type="search"
          class="emoji-search"
          placeholder="Search emoji"
          aria-label="Search emoji"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        {query.trim() && (
          <fieldset class="emoji-grid" aria-label="Search results">
            {failed ? (
              <p class="emoji-note">
                Emoji search could not load. Check the connection and try again.
              </p>
            ) : !all ? (
              <p class="emoji-note">Loading…</p>
            ) : results.length === 0 ? (
              <p class="emoji-note">No emoji match “{query.trim()}”.</p>
            ) : (
              results.map((e) => emojiButton(e))
            )}
          </fieldset>
        )}
      </div>
    </Popover>
  );
}

import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { type Mentionable, matchMembers, mentionQuery, mentionsIn } from './mention-text.ts';

/**
 * The composer's `@` autocomplete: follows the `@query` before the cursor, offers the
 * matching members, and remembers who was picked, so the message can carry the client
 * IDs of the `@Name`s still in its text. The field keeps the focus throughout.
 */
export function useMentionAutocomplete(
  field: RefObject<HTMLTextAreaElement>,
  members: readonly Mentionable[] | undefined,
  setText: (text: string) => void,
) {
  const [picked, setPicked] = useState<readonly Mentionable[]>([]);
  const [query, setQuery] = useState<{ start: number; query: string } | undefined>(undefined);
  const [active, setActive] = useState(0);
  const matches = query && members ? matchMembers(members, query.query) : [];
  const at = Math.min(active, matches.length - 1);

  function pick(member: Mentionable) {
    const el = field.current;
    if (!el || !query) return;
    const end = el.selectionStart ?? el.value.length;
    const insert = `@${member.name} `;
    setText(el.value.slice(0, query.start) + insert + el.value.slice(end));
    setPicked((p) => [...p.filter((m) => m.id !== member.id), member]);
    setQuery(undefined);
    const cursor = query.start + insert.length;
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(cursor, cursor);
    });
  }

  return {
    matches,
    /** The highlighted match. */
    active: at,
    picking: matches.length > 0,
    setActive,
    pick,
    /** The client IDs the text mentions (picked members whose `@Name` is still there). */
    mentionsIn: (text: string) => mentionsIn(text, picked),
    /** Starts over: nobody picked (or these, for a message being edited). */
    reset(mentions: readonly Mentionable[] = []) {
      setPicked(mentions);
      setQuery(undefined);
    },
    /** Re-reads the `@query` at the cursor (after input or a click). */
    follow(el: HTMLTextAreaElement) {
      const q = mentionQuery(el.value, el.selectionStart ?? el.value.length);
      setQuery(q);
      if (q?.query !== query?.query) setActive(0);
    },
    close: () => setQuery(undefined),
    /** Arrow keys, Enter/Tab and Escape while the list is open; true when handled. */
    onKeyDown(event: KeyboardEvent): boolean {
      if (matches.length === 0 || event.isComposing) return false;
      const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
      if (step) setActive((a) => (a + step + matches.length) % matches.length);
      else if (event.key === 'Enter' || event.key === 'Tab') pick(matches[at]!);
      else if (event.key === 'Escape') setQuery(undefined);
      else return false;
      event.preventDefault();
      return true;
    },
  };
}

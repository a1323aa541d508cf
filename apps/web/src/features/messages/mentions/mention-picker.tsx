import type { Mentionable } from './mention-text.ts';
import './mention-picker.css';

/**
 * The members matching the `@query` being typed, above the composer. The field keeps
 * the focus (a combobox): arrow keys move the choice, Enter or Tab takes it, a click too.
 */
export function MentionPicker(props: {
  id: string;
  matches: readonly Mentionable[];
  active: number;
  onPick(member: Mentionable): void;
  onHover(index: number): void;
}) {
  return (
    <div class="mention-picker">
      <div class="mention-picker-title" aria-hidden="true">
        Mention a member
      </div>
      <div id={props.id} role="listbox" aria-label="Members" class="mention-options">
        {props.matches.map((m, i) => (
          <div
            key={m.id}
            tabIndex={-1}
            id={`${props.id}-${i}`}
            role="option"
            aria-selected={i === props.active}
            class={`mention-option ${i === props.active ? 'active' : ''}`}
            // mousedown, not click: the field must not lose its focus (and cursor).
            onMouseDown={(e) => {
              e.preventDefault();
              props.onPick(m);
            }}
            onMouseEnter={() => props.onHover(i)}
          >
            <span class="mention-picker-at" aria-hidden="true">
              @
            </span>
            {m.name}
          </div>
        ))}
      </div>
    </div>
  );
}

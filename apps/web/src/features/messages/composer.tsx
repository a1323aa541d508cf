import type { LinkPreview } from '@yam/client';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { lengthNote } from './length-note.ts';
import { MentionPicker } from './mentions/mention-picker.tsx';
import type { Mentionable } from './mentions/mention-text.ts';
import { useMentionAutocomplete } from './mentions/use-mention-autocomplete.ts';
import { ComposerPreview } from './previews/composer-preview.tsx';
import { type PreviewSource, useLinkPreview } from './previews/use-link-preview.ts';
import './composer.css';

type Props = {
  online: boolean;
  /** Not a member of the room (yet, or any more): nothing can be sent. */
  disabled?: boolean;
  /** Sends (or, while editing, saves) the text with the client IDs it mentions. */
  onSend(text: string, mentions: string[], preview?: LinkPreview): Promise<void>;
  /** Makes link previews (the person turned them on and the server offers them). */
  previews?: PreviewSource | undefined;
  /** The field's id and label (a thread has its own composer). */
  id?: string;
  label?: string;
  placeholder?: string;
  /** Members `@` can mention (this device excluded). */
  members?: readonly Mentionable[];
  /** Editing one of your messages: its text fills the field; Enter saves, Escape cancels. */
  editing?: { key: string; text: string; mentions: readonly Mentionable[] } | undefined;
  onCancelEdit?(): void;
  /** Up in the empty field: edit your latest message. */
  onEditLast?(): void;
  /** The message being answered: shown above the field until sent or cancelled. */
  replying?: { name: string; excerpt: string } | undefined;
  onCancelReply?(): void;
  /**
   * Offers a text over the limit as a file to the people online; false when nobody is
   * there to receive it (the text stays in the field).
   */
  onSendAsFile?(text: string): boolean;
};

/**
 * The message field: Enter sends, Shift+Enter adds a line, and the field grows with its
 * text (up to a few lines, then it scrolls). Text over the content limit is never cut:
 * the field says how much is too much and Send waits until it fits. Offline it looks
 * muted but still accepts messages: they wait in the outbox and leave when the connection
 * returns.
 */
export function Composer(props: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const field = useRef<HTMLTextAreaElement>(null);
  const mentions = useMentionAutocomplete(field, props.members, setText);
  // No preview while editing: an edit changes the text only.
  const preview = useLinkPreview(text, props.editing ? undefined : props.previews);
  const id = props.id ?? 'composer-text';
  const value = text.trim();
  const note = lengthNote(value.length);
  const canSend = !props.disabled && value.length > 0 && note.kind !== 'over';

  // Choosing "Reply" puts the cursor in the field.
  useEffect(() => {
    if (props.replying) field.current?.focus();
  }, [props.replying]);

  // Choosing "Edit" puts the message's text in the field, cursor at the end.
  const editKey = props.editing?.key;
  useEffect(() => {
    if (!props.editing) return;
    setText(props.editing.text);
    mentions.reset(props.editing.mentions);
    setError(undefined);
    const el = field.current;
    if (!el) return;
    el.focus();
    requestAnimationFrame(() => el.setSelectionRange(el.value.length, el.value.length));
  }, [editKey]);

  function cancelEdit() {
    setText('');
    mentions.reset();
    props.onCancelEdit?.();
  }

  // Fit the field to its text; CSS caps the height (then it scrolls). Set through the
  // CSSOM, which the strict CSP allows.
  useLayoutEffect(() => {
    const el = field.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
  }, [text]);

  async function send() {
    if (!canSend) return;
    // Saving an edit that changed nothing just closes the editor.
    if (props.editing && value === props.editing.text.trim()) {
      cancelEdit();
      return;
    }
    const ids = mentions.mentionsIn(value);
    const sent = preview.ready;
    setText('');
    mentions.close();
    setError(undefined);
    try {
      await props.onSend(value, ids, sent);
      mentions.reset();
      preview.reset();
    } catch (e) {
      setText(value);
      setError(`Not sent: ${(e as Error).message}. Try again.`);
    }
    field.current?.focus();
  }

  function sendAsFile() {
    if (!props.onSendAsFile) return;
    if (props.onSendAsFile(value)) {
      setText('');
      setError(undefined);
    } else {
      setError(
        'Nobody else is online here to receive it as a file. Shorten it to send it as a message, or try again when someone is online.',
      );
    }
    field.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (mentions.onKeyDown(event)) return;
    // Up in an empty field edits your last message (as in Slack and Element).
    if (event.key === 'ArrowUp' && !text && !props.editing && props.onEditLast) {
      event.preventDefault();
      props.onEditLast();
      return;
    }
    if (event.key === 'Escape' && props.editing) {
      event.preventDefault();
      cancelEdit();
      return;
    }
    if (event.key === 'Escape' && props.replying) {
      event.preventDefault();
      props.onCancelReply?.();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <form
      class={`composer ${props.online ? '' : 'offline'}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {mentions.picking && (
        <MentionPicker
          id={`${id}-mentions`}
          matches={mentions.matches}
          active={mentions.active}
          onPick={mentions.pick}
          onHover={mentions.setActive}
        />
      )}
      {props.editing && (
        <div class="composer-reply composer-editing">
          <p>
            <strong>Editing message</strong> · Enter saves, Escape cancels
          </p>
          <button
            type="button"
            class="icon-button"
            aria-label="Cancel editing"
            onClick={() => {
              cancelEdit();
              field.current?.focus();
            }}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" fill="none" />
            </svg>
          </button>
        </div>
      )}
      {props.replying && (
        <div class="composer-reply">
          <p>
            Replying to <strong>{props.replying.name}</strong>: {props.replying.excerpt}
          </p>
          <button
            type="button"
            class="icon-button"
            aria-label="Cancel reply"
            onClick={() => {
              props.onCancelReply?.();
              field.current?.focus();
            }}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" fill="none" />
            </svg>
          </button>
        </div>
      )}
      <ComposerPreview state={preview.state} onRemove={preview.remove} />
      {error && (
        <p class="composer-error" role="alert">
          {error}
        </p>
      )}
      <label class="visually-hidden" for={id}>
        {props.label ?? 'Message'}
      </label>
      <textarea
        id={id}
        ref={field}
        rows={1}
        value={text}
        disabled={props.disabled}
        placeholder={
          props.disabled
            ? 'You cannot write in this room'
            : props.online
              ? (props.placeholder ?? 'Write a message')
              : 'Offline — sends when back online'
        }
        onInput={(e) => {
          const el = e.target as HTMLTextAreaElement;
          setText(el.value);
          mentions.follow(el);
        }}
        onClick={(e) => mentions.follow(e.currentTarget)}
        onBlur={mentions.close}
        onKeyDown={onKeyDown}
        aria-autocomplete={props.members ? 'list' : undefined}
        aria-controls={mentions.picking ? `${id}-mentions` : undefined}
        aria-activedescendant={mentions.picking ? `${id}-mentions-${mentions.active}` : undefined}
        aria-invalid={note.kind === 'over'}
        aria-describedby={`${id}-length`}
        autoComplete="off"
      />
      <button
        type="submit"
        class="send-button"
        aria-label={props.editing ? 'Save' : 'Send'}
        disabled={!canSend}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12 2-12 2z" fill="currentColor" />
        </svg>
      </button>
      <p id={`${id}-length`} class={`composer-length ${note.kind}`} aria-live="polite">
        {note.kind === 'fits' ? '' : note.text}
        {note.kind === 'over' && props.onSendAsFile && !props.disabled && (
          <button type="button" class="link-button send-as-file" onClick={sendAsFile}>
            Send as a file
          </button>
        )}
      </p>
    </form>
  );
}

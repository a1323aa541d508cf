import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { lengthNote } from './length-note.ts';
import './composer.css';

type Props = {
  online: boolean;
  /** Not a member of the room (yet, or any more): nothing can be sent. */
  disabled?: boolean;
  onSend(text: string): Promise<void>;
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
  const value = text.trim();
  const note = lengthNote(value.length);
  const canSend = !props.disabled && value.length > 0 && note.kind !== 'over';

  // Choosing "Reply" puts the cursor in the field.
  useEffect(() => {
    if (props.replying) field.current?.focus();
  }, [props.replying]);

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
    setText('');
    setError(undefined);
    try {
      await props.onSend(value);
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
      {error && (
        <p class="composer-error" role="alert">
          {error}
        </p>
      )}
      <label class="visually-hidden" for="composer-text">
        Message
      </label>
      <textarea
        id="composer-text"
        ref={field}
        rows={1}
        value={text}
        disabled={props.disabled}
        placeholder={
          props.disabled
            ? 'You cannot write in this room'
            : props.online
              ? 'Write a message'
              : 'Offline — sends when back online'
        }
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        onKeyDown={onKeyDown}
        aria-invalid={note.kind === 'over'}
        aria-describedby="composer-length"
        autoComplete="off"
      />
      <button type="submit" class="send-button" aria-label="Send" disabled={!canSend}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12 2-12 2z" fill="currentColor" />
        </svg>
      </button>
      <p id="composer-length" class={`composer-length ${note.kind}`} aria-live="polite">
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

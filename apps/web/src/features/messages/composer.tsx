import { useRef, useState } from 'preact/hooks';
import './composer.css';

type Props = {
  online: boolean;
  /** Not a member of the room (yet, or any more): nothing can be sent. */
  disabled?: boolean;
  onSend(text: string): Promise<void>;
};

const MAX_ROWS = 6;

/**
 * The message field: Enter sends, Shift+Enter adds a line. Offline it looks muted but
 * still accepts messages: they wait in the outbox and leave when the connection returns.
 */
export function Composer(props: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const field = useRef<HTMLTextAreaElement>(null);

  async function send() {
    const value = text.trim();
    if (!value) return;
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

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  const rows = Math.min(MAX_ROWS, text.split('\n').length);
  return (
    <form
      class={`composer ${props.online ? '' : 'offline'}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
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
        rows={rows}
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
        maxLength={16_000}
        autoComplete="off"
      />
      <button
        type="submit"
        class="send-button"
        aria-label="Send"
        disabled={props.disabled || !text.trim()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12 2-12 2z" fill="currentColor" />
        </svg>
      </button>
    </form>
  );
}

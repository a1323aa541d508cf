import type { MailSetting } from '@yam/client';
import { ErrorCode, isYamError } from '@yam/protocol';
import { useEffect, useState } from 'preact/hooks';
import { useAppState } from '../../session/app-state-context.ts';

/** How long "Checking…" waits for the server before saying it cannot be reached. */
const REACH_MS = 10_000;

type State =
  | { kind: 'loading' }
  | { kind: 'unreachable' }
  | { kind: 'unavailable' }
  | { kind: 'ready'; address: string | null };

function withinReach<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('unreachable')), REACH_MS)),
  ]);
}

/**
 * "E-mail me when I'm mentioned": the address the app's own server mails, content-free,
 * when someone mentions this person while Yam is closed. Kept on the server only for that,
 * with a way to remove it. Hidden behind a plain note when the server sends no e-mail.
 */
export function MentionMailSection() {
  const { sessions, navigation } = useAppState();
  const host = new URL(navigation.homeServer).host;
  const mail = () => sessions.for(navigation.homeServer).rooms.mail;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<{ error?: string; note?: string }>({});
  const [busy, setBusy] = useState(false);

  const show = (setting: MailSetting) => {
    setState(
      setting.available ? { kind: 'ready', address: setting.address } : { kind: 'unavailable' },
    );
    setDraft(setting.address ?? '');
  };
  useEffect(() => {
    let live = true;
    withinReach(mail().get()).then(
      (setting) => live && show(setting),
      () => live && setState({ kind: 'unreachable' }),
    );
    return () => {
      live = false;
    };
  }, []);

  const save = async (address: string | null) => {
    setBusy(true);
    setStatus({});
    try {
      show(await withinReach(mail().set(address)));
      setStatus({
        note: address ? 'Saved. You will get an e-mail when mentioned.' : 'Address removed.',
      });
    } catch (error) {
      setStatus({
        error:
          isYamError(error) && error.code === ErrorCode.BadFrame
            ? 'That does not look like an e-mail address. Check it and try again.'
            : 'Could not reach the server. Try again when you are online.',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="field mention-mail" aria-labelledby="mention-mail-title">
      <span id="mention-mail-title">E-mail me when I'm mentioned</span>
      {state.kind === 'loading' && <p class="hint">Checking whether {host} sends e-mail…</p>}
      {state.kind === 'unreachable' && (
        <p class="hint">Could not reach {host}. Open Profile again when you are online.</p>
      )}
      {state.kind === 'unavailable' && <p class="hint">{host} does not send e-mail.</p>}
      {state.kind === 'ready' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) void save(draft.trim());
          }}
        >
          <p class="hint">
            When someone mentions you while Yam is closed, {host} sends this address "You were
            mentioned in a room on {host}", never the message. The server keeps the address only for
            that, until you remove it.
          </p>
          <label>
            <span>E-mail address</span>
            <input
              type="email"
              autocomplete="email"
              maxLength={254}
              value={draft}
              onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
            />
          </label>
          <div class="photo-actions">
            <button type="submit" class="button" disabled={busy || !draft.trim()}>
              Save address
            </button>
            {state.address && (
              <button
                type="button"
                class="button danger"
                disabled={busy}
                onClick={() => void save(null)}
              >
                Remove address
              </button>
            )}
          </div>
        </form>
      )}
      {status.error ? (
        <p class="form-error" role="alert">
          {status.error}
        </p>
      ) : (
        status.note && (
          <p class="saved-note" role="status">
            {status.note}
          </p>
        )
      )}
    </section>
  );
}

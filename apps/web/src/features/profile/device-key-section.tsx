import { type DeviceIdentity, exportIdentity, importIdentity, isCryptoError } from '@yam/crypto';
import { useState } from 'preact/hooks';
import { replaceIdentity } from '../../platform/idb/idb-identity.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength, strengthHint } from './passphrase-strength.ts';

export const WRONG_BACKUP_PASSPHRASE =
  'That passphrase does not open this backup. Check it and try again.';

type Mode =
  | { kind: 'idle' }
  | { kind: 'export' }
  | { kind: 'import' }
  | { kind: 'confirm'; identity: DeviceIdentity };

/**
 * "Device key": export this browser's identity as a passphrase-encrypted file, or import
 * one from another browser. Outside the profile form: these are actions, not settings.
 */
export function DeviceKeySection(props: { identity: DeviceIdentity }) {
  const { clientId } = props.identity;
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [status, setStatus] = useState<{ error?: string; note?: string }>({});
  const open = (next: Mode) => {
    setStatus({});
    setMode(next);
  };

  return (
    <section class="field device-key" aria-labelledby="device-key-title">
      <span id="device-key-title">Device key</span>
      <p class="hint">
        Keep an encrypted copy of this browser's key, or move a key here from another browser.
      </p>
      <div class="photo-actions">
        <button type="button" class="button" onClick={() => open({ kind: 'export' })}>
          Export backup…
        </button>
        <button type="button" class="button" onClick={() => open({ kind: 'import' })}>
          Import backup…
        </button>
      </div>
      {mode.kind === 'export' && (
        <ExportForm
          identity={props.identity}
          onStatus={setStatus}
          onDone={() => setMode({ kind: 'idle' })}
        />
      )}
      {mode.kind === 'import' && (
        <ImportForm
          onStatus={setStatus}
          onOpened={(identity) => open({ kind: 'confirm', identity })}
        />
      )}
      {mode.kind === 'confirm' && (
        <ConfirmReplace
          identity={mode.identity}
          same={mode.identity.clientId === clientId}
          onCancel={() => open({ kind: 'idle' })}
          onStatus={setStatus}
        />
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

type StatusFn = (s: { error?: string; note?: string }) => void;

function ExportForm(props: { identity: DeviceIdentity; onStatus: StatusFn; onDone(): void }) {
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const strength = passphraseStrength(pass);
  const run = async () => {
    if (strength === 'too short') {
      return props.onStatus({ error: `Use at least ${MIN_PASSPHRASE_LENGTH} characters.` });
    }
    if (pass !== again) return props.onStatus({ error: 'The two passphrases differ.' });
    setBusy(true);
    props.onStatus({ note: 'Encrypting…' });
    try {
      const text = await exportIdentity(props.identity, pass);
      download(text, `yam-identity-${props.identity.clientId.slice(0, 8)}.json`);
      props.onStatus({ note: 'Backup downloaded. Keep the file and the passphrase apart.' });
      props.onDone();
    } catch (error) {
      props.onStatus({ error: `The backup failed: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="device-key-form">
      <label class="field">
        <span>Passphrase</span>
        <input
          type="password"
          autoComplete="new-password"
          value={pass}
          aria-describedby="backup-strength"
          onInput={(e) => {
            setPass((e.target as HTMLInputElement).value);
            props.onStatus({});
          }}
        />
      </label>
      <p class={`hint strength-${strength.replace(' ', '-')}`} id="backup-strength">
        {strengthHint(strength)}
      </p>
      <label class="field">
        <span>Repeat passphrase</span>
        <input
          type="password"
          autoComplete="new-password"
          value={again}
          onInput={(e) => {
            setAgain((e.target as HTMLInputElement).value);
            props.onStatus({});
          }}
        />
      </label>
      <div class="row-end">
        <button type="button" class="button primary" disabled={busy} onClick={() => void run()}>
          Download backup
        </button>
      </div>
    </div>
  );
}

function ImportForm(props: { onStatus: StatusFn; onOpened(identity: DeviceIdentity): void }) {
  const [file, setFile] = useState<File | undefined>(undefined);
  const [pass, setPass] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!file) return props.onStatus({ error: 'Choose a backup file.' });
    setBusy(true);
    props.onStatus({ note: 'Decrypting…' });
    try {
      const identity = await importIdentity(await file.text(), pass);
      props.onStatus({});
      props.onOpened(identity);
    } catch (error) {
      const code = isCryptoError(error) ? error.code : undefined;
      props.onStatus({
        error:
          code === 'WRONG_PASSPHRASE'
            ? WRONG_BACKUP_PASSPHRASE
            : 'This file is not a Yam identity backup, or it was damaged.',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="device-key-form">
      <label class="field">
        <span>Backup file</span>
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0])}
        />
      </label>
      <label class="field">
        <span>Backup passphrase</span>
        <input
          type="password"
          autoComplete="current-password"
          value={pass}
          onInput={(e) => {
            setPass((e.target as HTMLInputElement).value);
            props.onStatus({});
          }}
        />
      </label>
      <div class="row-end">
        <button type="button" class="button primary" disabled={busy} onClick={() => void run()}>
          Open backup
        </button>
      </div>
    </div>
  );
}

function ConfirmReplace(props: {
  identity: DeviceIdentity;
  same: boolean;
  onCancel(): void;
  onStatus: StatusFn;
}) {
  const [busy, setBusy] = useState(false);
  const replace = async () => {
    setBusy(true);
    try {
      await replaceIdentity(props.identity);
      // Every open connection signs with the old key: start over with the new one.
      location.reload();
    } catch (error) {
      props.onStatus({ error: `The key could not be saved: ${(error as Error).message}` });
      setBusy(false);
    }
  };
  return (
    <ModalDialog title="Replace device key?" onClose={props.onCancel}>
      <p>
        Replace this browser's device key? Rooms joined with the current key will need a new invite.
      </p>
      <div class="field">
        <span>Client ID in the backup{props.same ? ' (this browser already uses it)' : ''}</span>
        <code class="client-id">{props.identity.clientId}</code>
      </div>
      <div class="row-end">
        <button type="button" class="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          class="button primary danger"
          disabled={busy}
          onClick={() => void replace()}
        >
          Replace device key
        </button>
      </div>
    </ModalDialog>
  );
}

/** Saves `text` as a file through a temporary object URL and link. */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: Chromium reads the URL after the click event returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

import { useState } from 'preact/hooks';
import { Panel } from '../../app/panel.tsx';
import { displayName, MAX_NAME_LENGTH, saveDisplayName } from './display-name.ts';

/** "Profile": this device's client ID and the display name sent with its messages. */
export function ProfilePanel(props: { clientId: string; onClose(): void }) {
  const [name, setName] = useState(displayName.value);
  const [saved, setSaved] = useState(false);

  return (
    <Panel title="Profile" side="left" onClose={props.onClose}>
      <form
        class="panel-body"
        onSubmit={(e) => {
          e.preventDefault();
          saveDisplayName(name, props.clientId);
          setName(displayName.value);
          setSaved(true);
        }}
      >
        <label class="field">
          <span>Display name</span>
          <input
            type="text"
            value={name}
            maxLength={MAX_NAME_LENGTH}
            autoComplete="nickname"
            onInput={(e) => {
              setName((e.target as HTMLInputElement).value);
              setSaved(false);
            }}
          />
        </label>
        <div class="row-end">
          {saved && (
            <span class="saved-note" role="status">
              Saved
            </span>
          )}
          <button type="submit" class="button primary">
            Save name
          </button>
        </div>
        <div class="field">
          <span>Client ID</span>
          <code class="client-id">{props.clientId}</code>
          <p class="hint">
            This browser's identity. It is made from this device's key: no account, no password.
          </p>
        </div>
      </form>
    </Panel>
  );
}

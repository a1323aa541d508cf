import { encryptAttachment } from '@yam/crypto';
import { toBase64Url } from '@yam/protocol';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useAppState } from '../../session/app-state-context.ts';
import type { OwnAvatar } from '../../session/own-profile.ts';
import { avatarRef, MAX_USERNAME_LENGTH } from '../../session/profile-record.ts';
import type { BlobUpload } from '../../session/room-ports.ts';
import { Avatar } from '../../ui/avatar.tsx';
import { isReadableBubble, textOn } from '../../ui/contrast.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { squareAvatar } from './avatar-image.ts';
import { DeviceKeySection } from './device-key-section.tsx';
import { MentionMailSection } from './mention-mail-section.tsx';
import { PALETTE } from './palette.ts';
import './profile-dialog.css';

type Props = {
  /** The open room's server, where the (encrypted) avatar is uploaded; none: no upload. */
  upload: BlobUpload | undefined;
  onClose(): void;
  /** More settings under the device key (the frame adds "Share my history"). */
  children?: ComponentChildren;
};

type Photo =
  | { kind: 'keep' }
  | { kind: 'remove' }
  | { kind: 'new'; bytes: Uint8Array; dataUrl: string };

const DEFAULT_COLOUR = '#b4532a';

/** "Profile": username, bubble colour and avatar photo, sent to every room. */
export function ProfileDialog(props: Props) {
  const { identity, own } = useAppState();
  const { displayName } = own;
  const clientId = identity.clientId;
  const [name, setName] = useState(displayName.value);
  // Undefined until the user picks one: the app's default colours stay in charge.
  const [picked, setColour] = useState<string | undefined>(own.colour.value);
  const colour = picked ?? DEFAULT_COLOUR;
  const [photo, setPhoto] = useState<Photo>({ kind: 'keep' });
  const [status, setStatus] = useState<{ error?: string; note?: string }>({});
  const [busy, setBusy] = useState(false);
  const readable = isReadableBubble(colour);
  const previewSrc =
    photo.kind === 'new'
      ? photo.dataUrl
      : photo.kind === 'keep'
        ? own.avatar.value?.dataUrl
        : undefined;
  const previewName = name.trim() || displayName.value;

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setStatus({});
    try {
      const { bytes, dataUrl } = await squareAvatar(file);
      setPhoto({ kind: 'new', bytes, dataUrl });
    } catch (error) {
      setStatus({ error: (error as Error).message });
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return setStatus({ error: 'Enter a username.' });
    if (!readable) return setStatus({ error: 'Pick a colour where text stays readable.' });
    setBusy(true);
    setStatus({ note: photo.kind === 'new' ? 'Uploading photo…' : '' });
    try {
      let avatar: OwnAvatar | undefined = photo.kind === 'keep' ? own.avatar.value : undefined;
      if (photo.kind === 'new') {
        if (!props.upload) throw new Error('Open a room to upload a photo.');
        // Encrypted before it leaves: the server stores bytes it cannot read.
        const encrypted = await encryptAttachment(photo.bytes);
        await props.upload.uploadBlob(encrypted.ciphertext);
        avatar = {
          ref: avatarRef(encrypted, 'image/jpeg'),
          dataUrl: photo.dataUrl,
          ciphertext: toBase64Url(encrypted.ciphertext),
        };
      }
      own.saveDisplayName(name);
      own.saveColour(picked);
      own.saveAvatar(avatar);
      setName(displayName.value);
      setPhoto({ kind: 'keep' });
      setStatus({ note: 'Saved' });
    } catch (error) {
      setStatus({ error: `The photo could not be uploaded: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog title="Profile" onClose={props.onClose}>
      <form class="profile-form" onSubmit={save}>
        <div class="profile-top">
          <Avatar name={previewName} colour={colour} src={previewSrc} size="large" />
          <label class="field profile-name">
            <span>Username</span>
            <input
              type="text"
              value={name}
              maxLength={MAX_USERNAME_LENGTH}
              autoComplete="nickname"
              onInput={(e) => {
                setName((e.target as HTMLInputElement).value);
                setStatus({});
              }}
            />
          </label>
        </div>

        <div class="field">
          <span>Avatar photo</span>
          <div class="photo-actions">
            <label class="button file-button">
              Choose photo…
              <input
                type="file"
                accept="image/*"
                aria-label="Choose photo"
                onChange={(e) => void choose((e.target as HTMLInputElement).files?.[0])}
              />
            </label>
            {previewSrc && (
              <button type="button" class="button" onClick={() => setPhoto({ kind: 'remove' })}>
                Remove photo
              </button>
            )}
          </div>
          <p class="hint">Cropped to a square and shrunk on this device, then sent encrypted.</p>
        </div>

        <fieldset class="field colour-field">
          <legend>Bubble colour</legend>
          <div class="swatches">
            {PALETTE.map((c) => (
              <label key={c.value} class="swatch" title={c.name}>
                <input
                  type="radio"
                  name="bubble-colour"
                  value={c.value}
                  aria-label={c.name}
                  checked={picked === c.value}
                  onChange={() => {
                    setColour(c.value);
                    setStatus({});
                  }}
                />
                <span class="swatch-dot" style={{ 'background-color': c.value }} />
              </label>
            ))}
            <label class="swatch custom" title="Any colour">
              <input
                type="color"
                aria-label="Custom colour"
                value={colour}
                onInput={(e) => {
                  setColour((e.target as HTMLInputElement).value);
                  setStatus({});
                }}
              />
            </label>
          </div>
          <div
            class="preview-bubble"
            style={{ 'background-color': colour, color: textOn(colour).text }}
          >
            <strong>{previewName}</strong>
            <span>This is how your messages look.</span>
          </div>
          {!readable && (
            <p class="form-error" role="alert">
              Text would be hard to read on this colour. Choose a lighter or darker one.
            </p>
          )}
        </fieldset>

        <div class="row-end">
          {status.error ? (
            <span class="saved-note warn" role="alert">
              {status.error}
            </span>
          ) : (
            status.note && (
              <span class="saved-note" role="status">
                {status.note}
              </span>
            )
          )}
          <button type="submit" class="button primary" disabled={busy || !readable}>
            Save
          </button>
        </div>

        <div class="field">
          <span>Client ID</span>
          <code class="client-id">{clientId}</code>
          <p class="hint">
            This browser's identity. It is made from this device's key: no account, no password.
          </p>
        </div>
      </form>
      <DeviceKeySection identity={identity} />
      <MentionMailSection />
      {props.children}
    </ModalDialog>
  );
}

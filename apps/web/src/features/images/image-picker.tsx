import { useEffect, useRef, useState } from 'preact/hooks';
import { ImageTooBigError, type PreparedImage, prepareImage } from './prepare-image.ts';
import './images.css';

type Props = {
  disabled?: boolean;
  /** Largest encrypted image the server's blob store takes (its fallback copy). */
  maxBytes: number;
  onSend(image: PreparedImage, caption: string): Promise<void>;
  /** Offers a file to the room's online members peer to peer (too big for the server). */
  onSendAsFile?(file: Blob): void;
};

type Preview = { image: PreparedImage; url: string };

/** The image button and, once a picture is chosen, its preview with a caption, Send and Cancel. */
export function ImagePicker(props: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<Preview | undefined>(undefined);
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [tooBig, setTooBig] = useState<Blob | undefined>(undefined);

  useEffect(() => () => preview && URL.revokeObjectURL(preview.url), [preview]);

  async function choose(file: File | undefined) {
    if (!file) return;
    setError(undefined);
    setTooBig(undefined);
    try {
      const image = await prepareImage(file, props.maxBytes);
      const url = URL.createObjectURL(new Blob([image.bytes.slice().buffer], { type: image.mime }));
      setCaption('');
      setPreview({ image, url });
    } catch (e) {
      if (e instanceof ImageTooBigError && props.onSendAsFile) setTooBig(e.file);
      setError((e as Error).message);
    }
  }

  async function send() {
    if (!preview) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onSend(preview.image, caption.trim());
      setPreview(undefined);
    } catch (e) {
      setError(`Not sent: ${(e as Error).message}. Try again.`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="image-picker">
      <button
        type="button"
        class="image-button"
        aria-label="Send an image"
        title="Send an image"
        disabled={props.disabled}
        onClick={() => input.current?.click()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path
            d="M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15.5 9.5a1 1 0 1 0 0-.01"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linejoin="round"
          />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        accept="image/*"
        aria-label="Image to send"
        class="visually-hidden"
        onChange={(e) => {
          const el = e.target as HTMLInputElement;
          void choose(el.files?.[0]);
          el.value = '';
        }}
      />
      {error && !preview && (
        <div class="image-picker-error" role="alert">
          <p>
            {error}
            {tooBig && ' You can send it as a file to the people online now.'}
          </p>
          {tooBig && (
            <div class="image-preview-actions">
              <button
                type="button"
                class="button"
                onClick={() => {
                  setTooBig(undefined);
                  setError(undefined);
                }}
              >
                Cancel
              </button>
              <button
                type="button"
                class="button primary"
                onClick={() => {
                  props.onSendAsFile?.(tooBig);
                  setTooBig(undefined);
                  setError(undefined);
                }}
              >
                Send as a file
              </button>
            </div>
          )}
        </div>
      )}
      {preview && (
        <div class="image-preview" role="dialog" aria-label="Send image">
          <img
            src={preview.url}
            alt="Preview"
            width={preview.image.width}
            height={preview.image.height}
          />
          <p class="image-sizes">{sizeText(preview.image)} · Location and camera details removed</p>
          <input
            type="text"
            class="image-caption"
            aria-label="Caption"
            placeholder="Add a caption"
            maxLength={2000}
            value={caption}
            onInput={(e) => setCaption((e.target as HTMLInputElement).value)}
          />
          {error && (
            <p class="image-error" role="alert">
              {error}
            </p>
          )}
          <div class="image-preview-actions">
            <button
              type="button"
              class="button"
              disabled={busy}
              onClick={() => setPreview(undefined)}
            >
              Cancel
            </button>
            <button
              type="button"
              class="button primary"
              disabled={busy}
              onClick={() => void send()}
            >
              {busy ? 'Sending...' : 'Send'}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** "3.1 MB → 280 KB" when the image was made smaller, else its size. */
function sizeText(image: PreparedImage): string {
  const after = formatBytes(image.bytes.length);
  return image.originalBytes > image.bytes.length * 1.05
    ? `${formatBytes(image.originalBytes)} → ${after}`
    : after;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

import type { ImageContent } from '@yam/client';
import { useEffect, useState } from 'preact/hooks';
import { reducedMotion } from '../../platform/reduced-motion.ts';
import type { RoomPeers } from '../../session/room-ports.ts';
import { GifStill } from './gif-still.tsx';
import { ImageViewer } from './image-viewer.tsx';
import { type ImageLoads, type ImageSource, loadImage } from './load-image.ts';
import './images.css';

type State =
  | { kind: 'loading'; bytes: number; total: number }
  | { kind: 'shown'; url: string; source: ImageSource }
  | { kind: 'failed'; message: string };

/**
 * An image in a bubble: a placeholder of the right shape with progress while the bytes
 * come from a peer or the server, then the picture; a click opens it full size.
 */
export function ImageView(props: { image: ImageContent; peers: RoomPeers; loads: ImageLoads }) {
  const { image } = props;
  const [state, setState] = useState<State>({ kind: 'loading', bytes: 0, total: image.size });
  const [viewing, setViewing] = useState(false);
  // With reduced motion a GIF shows its first frame until clicked.
  const [playing, setPlaying] = useState(false);
  // Keyed by hash: a re-rendered bubble with an equal image must not fetch again.
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    setState({ kind: 'loading', bytes: 0, total: image.size });
    loadImage(image, props.peers, props.loads, (bytes, total) => {
      if (live) setState({ kind: 'loading', bytes, total });
    }).then(
      (loaded) => {
        url = loaded.url;
        if (live) setState({ kind: 'shown', ...loaded });
        else URL.revokeObjectURL(loaded.url);
      },
      (e: Error) => live && setState({ kind: 'failed', message: e.message }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [image.hash]);

  const ratio = `${image.width} / ${image.height}`;
  if (state.kind === 'shown') {
    const alt = image.caption ?? 'Image';
    if (image.mime === 'image/gif' && reducedMotion.value && !playing) {
      return (
        <GifStill
          url={state.url}
          width={image.width}
          height={image.height}
          alt={alt}
          onPlay={() => setPlaying(true)}
        />
      );
    }
    return (
      <>
        <button
          type="button"
          class="image-link"
          title="Open full screen"
          aria-label={`Open image full screen${image.caption ? `: ${image.caption}` : ''}`}
          onClick={() => setViewing(true)}
        >
          <img
            class="message-image"
            src={state.url}
            alt={alt}
            width={image.width}
            height={image.height}
            data-source={state.source}
          />
        </button>
        {viewing && (
          <ImageViewer
            url={state.url}
            alt={alt}
            caption={image.caption}
            fileName={fileNameOf(image)}
            onClose={() => setViewing(false)}
          />
        )}
      </>
    );
  }
  if (state.kind === 'failed') {
    return (
      <p class="image-error" role="alert">
        {state.message}
      </p>
    );
  }
  return (
    <div
      class="image-placeholder"
      style={{ 'aspect-ratio': ratio }}
      role="status"
      aria-label="Loading image"
    >
      {image.thumb && (
        <img class="image-thumb" src={`data:image/webp;base64,${toBase64(image.thumb)}`} alt="" />
      )}
      <progress max={state.total || 1} value={state.bytes} />
    </div>
  );
}

const EXTENSION: Record<ImageContent['mime'], string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** "yam-image-2026-11-30.jpg": a name for Download, without anything from the sender's disk. */
function fileNameOf(image: ImageContent): string {
  const day = new Date(image.sentAt).toISOString().slice(0, 10);
  return `yam-image-${day}.${EXTENSION[image.mime]}`;
}

/** base64url (as the message carries it) to base64 (as data: URLs want it). */
function toBase64(b64url: string): string {
  const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/');
  return b64 + '='.repeat((4 - (b64.length % 4)) % 4);
}

import type { ImageContent } from '@yam/client';
import { useEffect, useState } from 'preact/hooks';
import type { RoomPeers } from '../../session/room-ports.ts';
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
    return (
      <a class="image-link" href={state.url} target="_blank" rel="noopener" title="Open full size">
        <img
          class="message-image"
          src={state.url}
          alt={image.caption ?? 'Image'}
          width={image.width}
          height={image.height}
          data-source={state.source}
        />
      </a>
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
      <progress max={state.total || 1} value={state.bytes} />
    </div>
  );
}

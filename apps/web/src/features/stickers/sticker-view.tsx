import type { StickerContent } from '@yam/client';
import { useEffect, useState } from 'preact/hooks';
import { reducedMotion } from '../../platform/reduced-motion.ts';
import { previewUrl, type StickerShelf, stickerUrl } from './sticker-library.ts';
import './stickers.css';

/** Stickers are shown at most this big (CSS pixels), scaled up or down to it. */
export const STICKER_SIZE = 160;

/**
 * A sticker message: the image from this app's server library, large and without a
 * bubble. A library without it shows a card with the sticker's name; with reduced motion
 * an animated sticker shows its still preview until clicked.
 */
export function StickerView(props: { sticker: StickerContent; shelf: StickerShelf }) {
  const { sticker } = props;
  const [missing, setMissing] = useState(false);
  const [still, setStill] = useState<string | undefined>(undefined);
  const [playing, setPlaying] = useState(false);
  const calm = sticker.animated && reducedMotion.value && !playing;
  useEffect(() => {
    if (!calm) return;
    let live = true;
    props.shelf.load().then(
      (library) => {
        const known = library.byHash.get(sticker.hash);
        if (live) setStill(known ? previewUrl(known) : '');
      },
      () => live && setStill(''),
    );
    return () => {
      live = false;
    };
  }, [calm, sticker.hash]);

  const scale = STICKER_SIZE / Math.max(sticker.width, sticker.height);
  const width = Math.round(sticker.width * scale);
  const height = Math.round(sticker.height * scale);
  const alt = `Sticker: ${sticker.label}`;
  if (missing) {
    return (
      <p class="sticker-card" title="This server's sticker library does not have this sticker">
        {alt}
      </p>
    );
  }
  if (calm) {
    // The still preview (or, without one, a plain button) until the person asks for motion.
    return (
      <button
        type="button"
        class="sticker-play"
        aria-label={`Play animated sticker: ${sticker.label}`}
        onClick={() => setPlaying(true)}
      >
        {still ? (
          <img
            class="sticker-image"
            src={still}
            alt={alt}
            width={width}
            height={height}
            data-still="true"
          />
        ) : (
          <span class="sticker-card">{alt}</span>
        )}
        <span class="sticker-play-badge" aria-hidden="true">
          ▶ GIF
        </span>
      </button>
    );
  }
  return (
    <img
      class="sticker-image"
      src={stickerUrl(sticker.hash, sticker.mime)}
      alt={alt}
      width={width}
      height={height}
      data-still={sticker.animated ? 'false' : undefined}
      onError={() => setMissing(true)}
    />
  );
}

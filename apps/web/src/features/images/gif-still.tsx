import { useEffect, useRef } from 'preact/hooks';

/**
 * A GIF's first frame drawn on a canvas, with a "Play GIF" button over it: what an image
 * message shows instead of the animation when the person asked for reduced motion.
 */
export function GifStill(props: {
  url: string;
  width: number;
  height: number;
  alt: string;
  onPlay(): void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const img = new Image();
    img.onload = () => {
      // A freshly decoded image draws its first frame.
      canvas.current?.getContext('2d')?.drawImage(img, 0, 0, props.width, props.height);
    };
    img.src = props.url;
    return () => {
      img.onload = null;
    };
  }, [props.url]);
  return (
    <button
      type="button"
      class="image-link gif-still"
      aria-label={`Play GIF: ${props.alt}`}
      onClick={props.onPlay}
    >
      <canvas
        ref={canvas}
        class="message-image"
        width={props.width}
        height={props.height}
        role="img"
        aria-label={props.alt}
        data-still="true"
      />
      <span class="gif-play-badge" aria-hidden="true">
        ▶ GIF
      </span>
    </button>
  );
}

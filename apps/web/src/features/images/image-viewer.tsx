import { useEffect, useRef, useState } from 'preact/hooks';
import './image-viewer.css';

const STEPS = [1, 1.5, 2, 3, 4, 6, 8] as const;

type Props = {
  url: string;
  alt: string;
  caption?: string | undefined;
  /** The file name "Download" saves under. */
  fileName: string;
  onClose(): void;
};

/**
 * An image full screen: fitted at first; zoom with the buttons, the wheel, a double click
 * or the + and − keys; drag to look around when zoomed; Download saves the decrypted file.
 * A native modal <dialog>: Escape closes it and focus returns to the image in the chat.
 */
export function ImageViewer(props: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [zoom, setZoom] = useState(1);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; from: { x: number; y: number } } | undefined>();
  const close = useRef(props.onClose);
  close.current = props.onClose;

  const zoomTo = (next: number) => {
    const z = Math.min(STEPS[STEPS.length - 1]!, Math.max(1, next));
    setZoom(z);
    if (z === 1) setPan({ x: 0, y: 0 });
  };
  const step = (dir: 1 | -1) => {
    const i = STEPS.findIndex((s) => s >= zoom - 0.01);
    zoomTo(STEPS[Math.min(STEPS.length - 1, Math.max(0, (i < 0 ? 0 : i) + dir))]!);
  };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    el.addEventListener('cancel', onCancel);
    return () => {
      el.removeEventListener('cancel', onCancel);
      if (el.open) el.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class="image-viewer"
      aria-label={props.caption ? `Image: ${props.caption}` : 'Image'}
      onKeyDown={(e) => {
        if (e.key === '+' || e.key === '=') step(1);
        if (e.key === '-') step(-1);
        if (e.key === '0') zoomTo(1);
      }}
    >
      <div class="image-viewer-bar">
        <button
          type="button"
          class="viewer-button"
          aria-label="Zoom out"
          disabled={zoom <= 1}
          onClick={() => step(-1)}
        >
          −
        </button>
        <output class="viewer-zoom" aria-label="Zoom">
          {Math.round(zoom * 100)}%
        </output>
        <button
          type="button"
          class="viewer-button"
          aria-label="Zoom in"
          disabled={zoom >= 8}
          onClick={() => step(1)}
        >
          +
        </button>
        <a class="viewer-button viewer-download" href={props.url} download={props.fileName}>
          Download
        </a>
        <button type="button" class="viewer-button" aria-label="Close" onClick={props.onClose}>
          ✕
        </button>
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: wheel, drag and double click are shortcuts; the toolbar and the keys do the same */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Escape and the Close button close it by keyboard */}
      <div
        class={`image-viewer-stage ${zoom > 1 ? 'zoomed' : ''}`}
        onWheel={(e) => {
          e.preventDefault();
          zoomTo(zoom * (e.deltaY < 0 ? 1.25 : 0.8));
        }}
        onDblClick={() => zoomTo(zoom > 1 ? 1 : 2)}
        onPointerDown={(e) => {
          if (zoom <= 1) return;
          (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
          drag.current = { x: e.clientX, y: e.clientY, from: pan };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (d)
            setPan({
              x: d.from.x + (e.clientX - d.x) / zoom,
              y: d.from.y + (e.clientY - d.y) / zoom,
            });
        }}
        onPointerUp={() => {
          drag.current = undefined;
        }}
        onClick={(e) => {
          // A click on the dark area around a fitted image closes it.
          if (zoom === 1 && e.target === e.currentTarget) props.onClose();
        }}
      >
        <img
          src={props.url}
          alt={props.alt}
          draggable={false}
          style={{ transform: `scale(${zoom}) translate(${pan.x}px, ${pan.y}px)` }}
        />
      </div>
      {props.caption && <p class="image-viewer-caption">{props.caption}</p>}
    </dialog>
  );
}

import { useEffect, useState } from 'preact/hooks';
import './qr-code.css';

type QrPath = { size: number; d: string };

/**
 * A QR code as SVG (attributes only, no inline style, so the CSP allows it). The encoder
 * (qrcode-generator) loads with the first code shown, not with the app.
 */
export function QrCode(props: { text: string; label: string }) {
  const [path, setPath] = useState<QrPath | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setPath(undefined);
    import('./qr-path.ts').then(
      ({ qrPath }) => live && setPath(qrPath(props.text)),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [props.text]);
  if (path === undefined) {
    return (
      <p class="qr-code qr-code-pending" role="status">
        {failed
          ? 'The QR code could not load. Check your connection and reopen this.'
          : 'Making the QR code…'}
      </p>
    );
  }
  const { size, d } = path;
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${size} ${size}`}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}

import { useMemo } from 'preact/hooks';
import qrcode from 'qrcode-generator';

/** Modules of white border around the code, as the QR spec asks for reliable scans. */
const QUIET = 4;

/** The SVG path of a QR code for `text`: one horizontal run of dark modules per segment. */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.isDark(row, col)) col++;
      d += `M${start + QUIET} ${row + QUIET}h${col - start}v1h${start - col}z`;
    }
  }
  return { size: n + 2 * QUIET, d };
}

/** A QR code as SVG (attributes only, no inline style, so the CSP allows it). */
export function QrCode(props: { text: string; label: string }) {
  const { size, d } = useMemo(() => qrPath(props.text), [props.text]);
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

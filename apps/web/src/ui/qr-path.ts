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

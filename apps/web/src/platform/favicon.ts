const BASE_ICON = './yam.svg';
let original: HTMLImageElement | undefined;

/** The tab's icon: the yam, with a red dot and the count when something is unread. */
export function setFaviconCount(count: number): void {
  if (typeof document === 'undefined') return;
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.append(link);
  }
  const target = link;
  if (count <= 0) {
    target.type = 'image/svg+xml';
    target.href = BASE_ICON;
    return;
  }
  if (!original) {
    original = new Image();
    original.src = BASE_ICON;
  }
  const image = original;
  const draw = () => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.drawImage(image, 0, 0, 64, 64);
    ctx.fillStyle = '#d93025';
    ctx.beginPath();
    ctx.arc(44, 20, 20, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = 'bold 26px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(count > 9 ? '9+' : String(count), 44, 21);
    target.type = 'image/png';
    target.href = canvas.toDataURL('image/png');
  };
  if (image.complete && image.naturalWidth > 0) draw();
  else image.addEventListener('load', draw, { once: true });
}

import { afterEach, describe, expect, it } from 'vitest';
import { LinkPreviewFetcher } from '../../src/previews/link-preview-fetcher.ts';
import { PreviewError } from '../../src/previews/preview-error.ts';
import { html, PNG_1X1, startPreviewSite } from './preview-site.ts';

type Site = Awaited<ReturnType<typeof startPreviewSite>>;

async function errorOf(promise: Promise<unknown>): Promise<PreviewError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PreviewError);
  return error as PreviewError;
}

const PAGE = `<!doctype html><html><head>
<title>Plain title</title>
<meta property="og:title" content="The &amp; Title">
<meta property="og:description" content="  What the page
  is about.  ">
<meta property="og:site_name" content="Example Site">
<meta property="og:image" content="/img.png">
<meta name="description" content="fallback">
</head><body>hello</body></html>`;

describe('link preview fetcher', () => {
  let site: Site;
  afterEach(async () => {
    await site?.close();
  });

  it('[P-PREV3] reads Open Graph text and passes a small image through', async () => {
    site = await startPreviewSite({
      '/page': html(PAGE),
      '/img.png': (_q, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_1X1),
    });
    const fetcher = new LinkPreviewFetcher({ allowLoopback: true });
    const preview = await fetcher.fetch(site.url('/page'));
    expect(preview).toEqual({
      title: 'The & Title',
      description: 'What the page is about.',
      siteName: 'Example Site',
      image: { data: PNG_1X1.toString('base64url'), mime: 'image/png', width: 1, height: 1 },
    });
    // No cookies, no referrer, a fixed User-Agent, no compression.
    for (const { headers } of site.log) {
      expect(headers['user-agent']).toBe('YamPreview/1');
      expect(headers.cookie).toBeUndefined();
      expect(headers.referer).toBeUndefined();
      expect(headers['accept-encoding']).toBe('identity');
    }
    expect(site.log.map((r) => r.path)).toEqual(['/page', '/img.png']);
  });

  it('[P-PREV2] without the test-only option the same page is refused and never requested', async () => {
    site = await startPreviewSite({ '/page': html(PAGE) });
    const fetcher = new LinkPreviewFetcher();
    expect((await errorOf(fetcher.fetch(site.url('/page')))).code).toBe('PREVIEW_REFUSED');
    // On the web port too, so the refusal is the address, not the port.
    expect((await errorOf(fetcher.fetch('http://127.0.0.1/page'))).code).toBe('PREVIEW_REFUSED');
    expect((await errorOf(fetcher.fetch('http://localhost/page'))).code).toBe('PREVIEW_REFUSED');
    expect(site.log).toEqual([]);
  });

  it.each([
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://[fe80::1]/',
    'http://192.168.1.1/admin',
    'http://evil.example/', // a name that resolves into a private range
    'file:///etc/passwd',
  ])('[P-PREV2] a redirect into %s is refused', async (target) => {
    site = await startPreviewSite({
      '/go': (_q, res) => res.writeHead(302, { location: target }).end(),
    });
    const resolve = async (host: string) =>
      host === 'evil.example' ? [{ address: '172.16.5.5', family: 4 }] : [];
    const fetcher = new LinkPreviewFetcher({ allowLoopback: true, resolve });
    expect((await errorOf(fetcher.fetch(site.url('/go')))).code).toBe('PREVIEW_REFUSED');
    expect(site.log.map((r) => r.path)).toEqual(['/go']);
  });

  it('[P-PREV2] connects to the address it checked: one lookup per URL (DNS rebinding)', async () => {
    site = await startPreviewSite({ '/page': html('<title>Pinned</title>') });
    const answers = ['127.0.0.1', '10.0.0.1'];
    const asked: string[] = [];
    const resolve = async (host: string) => {
      asked.push(host);
      return [{ address: answers.shift() ?? '10.0.0.1', family: 4 }];
    };
    const fetcher = new LinkPreviewFetcher({ allowLoopback: true, resolve });
    // rebind.example has no DNS record: reaching the site proves the socket used the pin.
    const preview = await fetcher.fetch(`http://rebind.example:${site.port}/page`);
    expect(preview).toEqual({ title: 'Pinned' });
    expect(asked).toEqual(['rebind.example']);
    expect(site.log[0]?.headers.host).toBe(`rebind.example:${site.port}`);
  });

  it('[P-PREV2] follows at most 3 redirects, sending no cookie it was given', async () => {
    site = await startPreviewSite({
      '/r1': (_q, res) => res.writeHead(301, { location: '/r2', 'set-cookie': 'sid=1' }).end(),
      '/r2': (_q, res) => res.writeHead(302, { location: '/r3' }).end(),
      '/r3': (_q, res) => res.writeHead(307, { location: '/page' }).end(),
      '/page': html('<title>Arrived</title>'),
      '/loop': (_q, res) => res.writeHead(302, { location: '/loop' }).end(),
    });
    const fetcher = new LinkPreviewFetcher({ allowLoopback: true });
    expect(await fetcher.fetch(site.url('/r1'))).toEqual({ title: 'Arrived' });
    expect(site.log.every((r) => r.headers.cookie === undefined)).toBe(true);
    expect((await errorOf(fetcher.fetch(site.url('/loop')))).code).toBe('PREVIEW_FAILED');
    expect(site.log.filter((r) => r.path === '/loop')).toHaveLength(4);
  });

  it('[P-PREV3] reads at most the HTML cap: a title past it is never seen', async () => {
    const filler = `<!-- ${'x'.repeat(600 * 1024)} -->`;
    site = await startPreviewSite({
      '/early': html(`<title>Early</title>${filler}${filler}`),
      '/late': html(`${filler}<title>Late</title>`),
    });
    const fetcher = new LinkPreviewFetcher({ allowLoopback: true });
    expect(await fetcher.fetch(site.url('/early'))).toEqual({ title: 'Early' });
    expect(await fetcher.fetch(site.url('/late'))).toEqual({});
  });

  it('[P-PREV3] a site that never answers ends in PREVIEW_FAILED', async () => {
    site = await startPreviewSite({ '/slow': () => {} });
    const fetcher = new LinkPreviewFetcher({ allowLoopback: true, timeoutMs: 300 });
    const error = await errorOf(fetcher.fetch(site.url('/slow')));
    expect(error.code).toBe('PREVIEW_FAILED');
    expect(error.message).toMatch(/too long/);
  });

  it('[P-PREV3] a body that is not HTML, or an error status, gives PREVIEW_FAILED', async () => {
    site = await startPreviewSite({
      '/json': (_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
      '/png': (_q, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_1X1),
      '/svg': (_q, res) =>
        res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg><title>x</title></svg>'),
    });
    const fetcher = new LinkPreviewFetcher({ allowLoopback: true });
    for (const path of ['/json', '/png', '/svg', '/missing']) {
      expect((await errorOf(fetcher.fetch(site.url(path)))).code).toBe('PREVIEW_FAILED');
    }
  });

  it('[P-PREV3] hostile HTML yields clean, capped text', async () => {
    const page = `<html><head>
      <script>document.title = "<title>from script</title>"</script>
      <title>${'A'.repeat(10_000)}\u202e\u0000</title>
      <meta name="description" content="&lt;script&gt;alert(1)&lt;/script&gt; ${'word '.repeat(500)}">
      <meta property="og:site_name" content="\u200bSite\u0007">
      </head></html>`;
    site = await startPreviewSite({ '/hostile': html(page) });
    const fetcher = new LinkPreviewFetcher({ allowLoopback: true });
    const preview = await fetcher.fetch(site.url('/hostile'));
    expect(Array.from(preview.title ?? '')).toHaveLength(200);
    expect(preview.title).toMatch(/^A+…$/);
    expect(preview.description?.startsWith('<script>alert(1)</script> word')).toBe(true);
    expect(Array.from(preview.description ?? '').length).toBeLessThanOrEqual(500);
    expect(preview.siteName).toBe('Site');
  });

  it('[P-PREV3] reads the charset the Content-Type names', async () => {
    site = await startPreviewSite({
      '/latin1': (_q, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' })
          .end(Buffer.from('<title>Caf\xe9 cr\xe8me</title>', 'latin1')),
      '/bogus': (_q, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=nonsense' })
          .end('<title>Plain</title>'),
    });
    const fetcher = new LinkPreviewFetcher({ allowLoopback: true });
    expect(await fetcher.fetch(site.url('/latin1'))).toEqual({ title: 'Café crème' });
    expect(await fetcher.fetch(site.url('/bogus'))).toEqual({ title: 'Plain' });
  });

  it('[P-PREV3] an image that is too large, not an image, or private is left out', async () => {
    const big = Buffer.concat([PNG_1X1, Buffer.alloc(70 * 1024)]);
    const page = (src: string) =>
      html(`<title>T</title><meta property="og:image" content="${src}">`);
    site = await startPreviewSite({
      '/big': page('/big.png'),
      '/big.png': (_q, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(big),
      '/svg': page('/x.svg'),
      '/x.svg': (_q, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('<svg/>'),
      '/private': page('http://169.254.169.254/x.png'),
    });
    const fetcher = new LinkPreviewFetcher({ allowLoopback: true });
    for (const path of ['/big', '/svg', '/private']) {
      expect(await fetcher.fetch(site.url(path))).toEqual({ title: 'T' });
    }
  });
});

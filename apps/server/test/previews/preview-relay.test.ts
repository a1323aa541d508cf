import { Writable } from 'node:stream';
import { PREVIEW_RATE } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { html, startPreviewSite } from './preview-site.ts';

type Site = Awaited<ReturnType<typeof startPreviewSite>>;

describe('preview requests over the relay', () => {
  let server: TestServer | undefined;
  let site: Site | undefined;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
    await site?.close();
    server = undefined;
    site = undefined;
  });
  const connect = async () => {
    const c = await TestClient.authenticated(server!.wsUrl);
    clients.push(c);
    return c;
  };

  it('[P-PREV1] off by default: PREVIEW_OFF, no feature flag, nothing fetched', async () => {
    site = await startPreviewSite({ '/page': html('<title>Hi</title>') });
    server = await startTestServer();
    const c = await connect();
    expect(c.ready.features).toBeUndefined();
    const reply = await c.request({ t: 'preview.req', rid: 1, url: site.url('/page') });
    expect(reply).toMatchObject({ t: 'error', code: 'PREVIEW_OFF', rid: 1 });
    expect(site.log).toEqual([]);
  });

  it('[P-PREV1] on: announced in ready.features and answered with preview.res', async () => {
    site = await startPreviewSite({ '/page': html('<title>Hi there</title>') });
    server = await startTestServer({ linkPreviews: { allowLoopback: true } });
    const c = await connect();
    expect(c.ready.features).toEqual({ linkPreviews: true });
    const reply = await c.request({ t: 'preview.req', rid: 2, url: site.url('/page') });
    expect(reply).toEqual({ t: 'preview.res', rid: 2, title: 'Hi there' });
  });

  it('[P-PREV2] on without the test-only option: a loopback page is refused', async () => {
    site = await startPreviewSite({ '/page': html('<title>Hi</title>') });
    server = await startTestServer({ linkPreviews: {} });
    const c = await connect();
    for (const [rid, url] of [site.url('/page'), 'http://127.0.0.1/', 'http://[::1]/'].entries()) {
      const reply = await c.request({ t: 'preview.req', rid, url });
      expect(reply).toMatchObject({ t: 'error', code: 'PREVIEW_REFUSED', rid });
    }
    expect(site.log).toEqual([]);
  });

  it('[P-PREV1] the URLs people ask previews of never reach the logs at info level', async () => {
    site = await startPreviewSite({ '/secret-page': html('<title>Hi</title>') });
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    server = await startTestServer({
      linkPreviews: { allowLoopback: true },
      logLevel: 'info',
      logStream,
    });
    const c = await connect();
    await c.request({ t: 'preview.req', rid: 1, url: site.url('/secret-page') });
    const refused = await c.request({
      t: 'preview.req',
      rid: 2,
      url: 'http://10.0.0.1/secret-page',
    });
    expect(refused).toMatchObject({ code: 'PREVIEW_REFUSED' });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain('secret-page');
  });

  it('[P-PREV1] a request before auth, or a bad URL, is refused at the edge', async () => {
    server = await startTestServer({ linkPreviews: { allowLoopback: true } });
    const anon = await TestClient.open(server.wsUrl);
    clients.push(anon);
    await anon.next((f) => f.t === 'challenge');
    const before = await anon.request({ t: 'preview.req', rid: 1, url: 'http://127.0.0.1/' });
    expect(before).toMatchObject({ t: 'error', code: 'UNAUTHENTICATED' });
    const c = await connect();
    for (const url of ['javascript:alert(1)', `http://x/${'a'.repeat(3000)}`]) {
      const reply = await c.request({ t: 'preview.req', rid: 3, url });
      expect(reply).toMatchObject({ t: 'error', code: 'BAD_FRAME' });
    }
  });

  it('[P-PREV4] at most 4 fetches at once per IP address; the 5th is RATE_LIMITED', async () => {
    const held: Array<() => void> = [];
    site = await startPreviewSite({
      '/held': (_q, res) => {
        held.push(() =>
          res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Hi</title>'),
        );
      },
    });
    server = await startTestServer({ linkPreviews: { allowLoopback: true } });
    const c = await connect();
    for (let rid = 1; rid <= 4; rid++) c.send({ t: 'preview.req', rid, url: site.url('/held') });
    await expect.poll(() => held.length).toBe(4);
    const fifth = await c.request({ t: 'preview.req', rid: 5, url: site.url('/held') });
    expect(fifth).toMatchObject({ t: 'error', code: 'RATE_LIMITED', rid: 5 });
    for (const release of held) release();
    for (let rid = 1; rid <= 4; rid++) {
      expect(await c.next((f) => f.rid === rid)).toMatchObject({ t: 'preview.res', title: 'Hi' });
    }
  });

  it('[P-PREV4] each client gets a burst, then RATE_LIMITED (not fatal); many identities share one IP budget', async () => {
    site = await startPreviewSite({ '/page': html('<title>Hi</title>') });
    server = await startTestServer({ linkPreviews: { allowLoopback: true } });
    const c = await connect();
    let rid = 0;
    for (let i = 0; i < PREVIEW_RATE.burst; i++) {
      const reply = await c.request({ t: 'preview.req', rid: rid++, url: site.url('/page') });
      expect(reply.t).toBe('preview.res');
    }
    const limited = await c.request({ t: 'preview.req', rid: rid++, url: site.url('/page') });
    expect(limited).toMatchObject({ t: 'error', code: 'RATE_LIMITED' });
    // The connection stays open and other work goes on.
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    // Fresh identities from the same address: together they stop at the per-IP budget.
    let answered = PREVIEW_RATE.burst;
    let refused = 0;
    for (let k = 0; k < 4 && refused === 0; k++) {
      const other = await connect();
      for (let i = 0; i < PREVIEW_RATE.burst; i++) {
        const reply = await other.request({ t: 'preview.req', rid: rid++, url: site.url('/page') });
        if (reply.t === 'preview.res') answered++;
        else refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(answered).toBeLessThanOrEqual(31);
  });
});

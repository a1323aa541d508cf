import { PREVIEW_IP_RATE, PREVIEW_RATE, type PreviewRequest } from '@yam/protocol';
import type { Peer, RelayPlugin } from '../relay/relay-plugin.ts';
import { RequestLimiter } from '../turn/request-limiter.ts';
import type { LinkPreviewFetcher } from './link-preview-fetcher.ts';
import { PreviewError } from './preview-error.ts';

/** Fetches running at once for one IP address (IPv6 per /64), all its identities together. */
const MAX_FETCHES_PER_IP = 4;
/** Fetches running at once in this process: bounds memory (each reads up to ~600 KiB). */
const MAX_FETCHES = 64;

/**
 * `preview.req`: answered PREVIEW_OFF unless the operator turned previews on; then rate-
 * limited per client ID and per IP address, and fetched. URLs are logged at debug level
 * only: they are the users' private links. [P-PREV1] [P-PREV4]
 */
export function previewHandlers(fetcher: LinkPreviewFetcher | undefined): RelayPlugin {
  return (relay) => {
    const perClient = new RequestLimiter(PREVIEW_RATE.perSec, PREVIEW_RATE.burst);
    const perIp = new RequestLimiter(PREVIEW_IP_RATE.perSec, PREVIEW_IP_RATE.burst);
    const running = new Map<string, number>();
    let total = 0;
    const sweep = setInterval(() => {
      perClient.sweep();
      perIp.sweep();
    }, 60_000);
    sweep.unref();
    relay.on('preview.req', async (peer, req) => {
      if (!fetcher) {
        peer.error('PREVIEW_OFF', 'this server does not make link previews', req.rid);
        return;
      }
      const busy = running.get(peer.ip) ?? 0;
      const full = total >= MAX_FETCHES || busy >= MAX_FETCHES_PER_IP;
      if (full || !perIp.allow(peer.ip) || !perClient.allow(peer.clientId)) {
        // Not peer.error(): RATE_LIMITED is fatal there, and typing fast should not disconnect.
        peer.send({
          t: 'error',
          code: 'RATE_LIMITED',
          message: 'too many link previews; wait a few seconds',
          rid: req.rid,
          retryAfterMs: 6_000,
        });
        return;
      }
      running.set(peer.ip, busy + 1);
      total++;
      try {
        await answer(peer, req, fetcher);
      } finally {
        total--;
        const left = (running.get(peer.ip) ?? 1) - 1;
        if (left > 0) running.set(peer.ip, left);
        else running.delete(peer.ip);
      }
    });
  };
}

async function answer(peer: Peer, req: PreviewRequest, fetcher: LinkPreviewFetcher): Promise<void> {
  try {
    const preview = await fetcher.fetch(req.url);
    peer.send({ t: 'preview.res', rid: req.rid, ...preview });
  } catch (error) {
    if (!(error instanceof PreviewError)) throw error;
    peer.log.debug({ code: error.code, url: req.url }, 'preview not made');
    peer.error(error.code, error.message, req.rid);
  }
}

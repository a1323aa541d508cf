import type {
  ClientId,
  PakeConfirmRequest,
  PakeDoneRequest,
  PakeReplyRequest,
} from '@yam/protocol';
import { encodeFrame } from '@yam/protocol';
import type { Peer, RelayHost } from '../relay/relay-plugin.ts';
import type { MlsContext } from './mls-context.ts';
import { PASSWORD_TRIES_MESSAGE } from './password-guesses.ts';

/**
 * The relay of password joins' CPace runs [P-PAKE1..3]: the server passes shares and tags
 * between the requester and the one member that answers, and counts wrong passwords; it
 * cannot test a password with anything it sees.
 */
export function registerPake(relay: RelayHost, ctx: MlsContext): void {
  relay.on('pake.reply', (peer, req) => pakeReply(peer, req, ctx));
  relay.on('pake.confirm', (peer, req) => pakeConfirm(peer, req, ctx));
  relay.on('pake.done', (peer, req) => pakeDone(peer, req, ctx));
}

/** [P-PAKE2] A member's share, to the requester only; the first answer per request runs. */
async function pakeReply(peer: Peer, req: PakeReplyRequest, ctx: MlsContext) {
  if (!(await peer.inRoom(req.room, req.rid, 'answer join requests'))) return;
  const notBefore = Date.now() - ctx.limits.joinRequestTtlMs;
  const request = (await ctx.storage.joinRequests(req.room, notBefore)).find(
    (r) => r.id === req.id,
  );
  if (!request?.pake) {
    peer.error('NOT_FOUND', `no pending password join request ${req.id} here`, req.rid);
    return;
  }
  if (await ctx.guesses.run(req.room, req.id)) {
    peer.error('NOT_FOUND', `another member is answering join request ${req.id}`, req.rid);
    return;
  }
  const wait = await ctx.guesses.wait(req.room, request.from);
  if (wait > 0) {
    peer.error('TOO_MANY_PASSWORD_TRIES', PASSWORD_TRIES_MESSAGE, req.rid, wait);
    return;
  }
  // Two members answering at once (on two instances): one run starts, the other is told.
  if (!(await ctx.guesses.start(req.room, req.id, request.from, peer.clientId))) {
    peer.error('NOT_FOUND', `another member is answering join request ${req.id}`, req.rid);
    return;
  }
  peer.send({ t: 'pake.sent', rid: req.rid, room: req.room, id: req.id });
  const frame = { t: 'pakeReply', room: req.room, id: req.id, from: peer.clientId } as const;
  await ctx.clients.send(request.from, encodeFrame({ ...frame, share: req.share }));
}

/** [P-PAKE2] The requester's tag, once, to the member running its request only. */
async function pakeConfirm(peer: Peer, req: PakeConfirmRequest, ctx: MlsContext) {
  const run = await ctx.guesses.run(req.room, req.id);
  if (!run || run.requester !== peer.clientId || !(await ctx.guesses.confirm(run))) {
    peer.error('NOT_FOUND', `no password check of yours waits on request ${req.id}`, req.rid);
    return;
  }
  peer.send({ t: 'pake.sent', rid: req.rid, room: req.room, id: req.id });
  const frame = { t: 'pakeConfirm', room: req.room, id: req.id, from: peer.clientId } as const;
  await ctx.clients.send(run.member, encodeFrame({ ...frame, tag: req.tag }));
}

/** [P-PAKE2] [P-PAKE3] The member's verdict: its tag to the requester, or a counted failure. */
async function pakeDone(peer: Peer, req: PakeDoneRequest, ctx: MlsContext) {
  if (!(await peer.inRoom(req.room, req.rid, 'settle password checks'))) return;
  const run = await ctx.guesses.run(req.room, req.id);
  if (!run || run.member !== peer.clientId || !run.confirmed) {
    peer.error('NOT_FOUND', `no password check of yours waits on request ${req.id}`, req.rid);
    return;
  }
  await ctx.guesses.end(run, req.tag !== undefined);
  peer.send({ t: 'pake.sent', rid: req.rid, room: req.room, id: req.id });
  if (req.tag) {
    const frame = { t: 'pakeProof', room: req.room, id: req.id, from: peer.clientId } as const;
    await ctx.clients.send(run.requester as ClientId, encodeFrame({ ...frame, tag: req.tag }));
    return;
  }
  peer.log.info({ room: req.room }, 'wrong room password');
  await ctx.rooms.publish(
    req.room,
    encodeFrame({ t: 'pakeFailed', room: req.room, ts: Date.now() }),
  );
}

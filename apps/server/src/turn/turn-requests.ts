import { allocate } from './allocate-request.ts';
import { allocationRequest } from './allocation-requests.ts';
import { looksLikeChannelData } from './channel-data.ts';
import type { ClientTransport } from './client-transport.ts';
import { Attr, KNOWN_REQUIRED_ATTRS, StunClass, StunMethod } from './stun-constants.ts';
import { checkFingerprint, getAttr, parseStunMessage, type StunMessage } from './stun-message.ts';
import { errorReply, successReply } from './stun-replies.ts';
import { decodeXorAddress } from './stun-writer.ts';
import { authenticate } from './turn-auth.ts';
import type { TurnContext } from './turn-context.ts';

const TURN_REQUESTS: ReadonlySet<number> = new Set([
  StunMethod.Allocate,
  StunMethod.Refresh,
  StunMethod.CreatePermission,
  StunMethod.ChannelBind,
]);

/** Entry point for every packet from a client: ChannelData or STUN; anything else is dropped. */
export async function handleClientPacket(
  packet: Buffer,
  client: ClientTransport,
  ctx: TurnContext,
): Promise<void> {
  if (looksLikeChannelData(packet)) {
    ctx.table.get(client.key)?.channelData(packet);
    return;
  }
  const msg = parseStunMessage(packet);
  if (!msg || checkFingerprint(msg) === 'bad') return;
  if (msg.cls === StunClass.Indication) {
    onIndication(msg, client, ctx);
    return;
  }
  if (msg.cls !== StunClass.Request) return; // responses are never addressed to a server
  if (!ctx.limiter.allow(client.remote.ip)) return;
  const unknown = unknownRequiredAttributes(msg);
  if (unknown) {
    client.send(errorReply(msg, 420).add(Attr.UnknownAttributes, unknown).build());
    return;
  }
  if (msg.method === StunMethod.Binding) {
    // RFC 8489 §7.3.1: the reflexive address, XOR'd so NATs do not rewrite it.
    client.send(successReply(msg).addXorAddress(Attr.XorMappedAddress, client.remote).build());
    return;
  }
  if (!TURN_REQUESTS.has(msg.method)) {
    client.send(errorReply(msg, 400).build());
    return;
  }
  const auth = authenticate(msg, client, ctx.auth);
  if (!auth.ok) {
    client.send(auth.response);
    return;
  }
  const reply =
    msg.method === StunMethod.Allocate
      ? await allocate(msg, client, auth, ctx)
      : allocationRequest(msg, client, auth, ctx);
  if (reply === undefined) return;
  // Every answer to an authenticated request is signed with the same key and algorithm.
  client.send(Buffer.isBuffer(reply) ? reply : reply.build({ key: auth.key, kind: auth.kind }));
}

/** UNKNOWN-ATTRIBUTES value for comprehension-required types we do not know (RFC 8489 §6.3.1). */
function unknownRequiredAttributes(msg: StunMessage): Buffer | undefined {
  const unknown = msg.attributes
    .map((a) => a.type)
    .filter((t) => t < 0x8000 && !KNOWN_REQUIRED_ATTRS.has(t));
  if (unknown.length === 0) return undefined;
  const list = Buffer.alloc(unknown.length * 2);
  for (const [i, t] of unknown.entries()) list.writeUInt16BE(t, i * 2);
  return list;
}

/** Send indications carry data to a permitted peer; failures are silent (RFC 8656 §10.2). */
function onIndication(msg: StunMessage, client: ClientTransport, ctx: TurnContext): void {
  if (msg.method !== StunMethod.Send) return;
  const allocation = ctx.table.get(client.key);
  const peerAttr = getAttr(msg, Attr.XorPeerAddress);
  const data = getAttr(msg, Attr.Data);
  if (!allocation || !peerAttr || !data) return;
  const peer = decodeXorAddress(peerAttr, msg.transactionId);
  if (!peer) return;
  // As in CreatePermission: an own address only as another allocation's relayed address.
  if (ctx.filter.isAllowed(peer.ip) || ctx.table.getRelay(peer.ip, peer.port)) {
    allocation.sendToPeer(peer, data);
  }
}

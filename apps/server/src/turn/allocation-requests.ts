import { lifetimeFor } from './allocate-request.ts';
import type { Allocation } from './allocation.ts';
import type { ClientTransport } from './client-transport.ts';
import { Attr, MAX_CHANNEL, MIN_CHANNEL, StunMethod } from './stun-constants.ts';
import { getAttr, type StunMessage } from './stun-message.ts';
import { errorReply, successReply } from './stun-replies.ts';
import { type Address, decodeXorAddress, type StunWriter } from './stun-writer.ts';
import type { Authenticated } from './turn-auth.ts';
import type { TurnContext } from './turn-context.ts';

/** Refresh, CreatePermission and ChannelBind: requests on an existing allocation. */
export function allocationRequest(
  msg: StunMessage,
  client: ClientTransport,
  auth: Authenticated,
  ctx: TurnContext,
): StunWriter {
  const allocation = ctx.table.get(client.key);
  if (!allocation) return errorReply(msg, 437);
  if (allocation.username !== auth.username) return errorReply(msg, 441);
  if (msg.method === StunMethod.Refresh) {
    // RFC 8656 §8: LIFETIME 0 deletes the allocation.
    const lifetimeSec = lifetimeFor(msg, ctx);
    allocation.refresh(lifetimeSec);
    return successReply(msg).addUInt32(Attr.Lifetime, lifetimeSec);
  }
  return peerRequest(msg, allocation, auth, ctx);
}

/** CreatePermission (RFC 8656 §9) and ChannelBind (§11): every peer must pass the filter. */
function peerRequest(
  msg: StunMessage,
  allocation: Allocation,
  auth: Authenticated,
  ctx: TurnContext,
): StunWriter {
  const peers: Address[] = [];
  for (const a of msg.attributes) {
    if (a.type !== Attr.XorPeerAddress) continue;
    const peer = decodeXorAddress(a.value, msg.transactionId);
    if (!peer) return errorReply(msg, 400);
    peers.push(peer);
  }
  if (peers.length === 0) return errorReply(msg, 400);
  const relayIsV6 = allocation.relayAddress.ip.includes(':');
  if (peers.some((p) => p.ip.includes(':') !== relayIsV6)) return errorReply(msg, 443);
  // This server's own addresses are refused, except another live allocation's relayed
  // address: both browsers relayed through us must reach each other (relayed in-process).
  const relayOnly = (p: Address) =>
    !ctx.filter.isAllowed(p.ip) && ctx.table.getRelay(p.ip, p.port) !== undefined;
  if (peers.some((p) => !ctx.filter.isAllowed(p.ip) && !relayOnly(p))) {
    ctx.log.info({ clientId: auth.clientId }, 'turn peer address refused');
    return errorReply(msg, 403);
  }
  const { permissionLifetimeSec, channelLifetimeSec } = ctx.config;
  if (msg.method === StunMethod.ChannelBind) {
    const number = getAttr(msg, Attr.ChannelNumber);
    const channel = number?.length === 4 ? number.readUInt16BE(0) : -1;
    const peer = peers[0];
    if (!peer || peers.length !== 1 || channel < MIN_CHANNEL || channel > MAX_CHANNEL) {
      return errorReply(msg, 400);
    }
    if (!allocation.bindChannel(channel, peer, channelLifetimeSec)) return errorReply(msg, 400);
    allocation.permit(peer.ip, permissionLifetimeSec, Date.now(), relayOnly(peer));
    return successReply(msg);
  }
  for (const peer of peers) {
    const ok = allocation.permit(peer.ip, permissionLifetimeSec, Date.now(), relayOnly(peer));
    if (!ok) return errorReply(msg, 508);
  }
  return successReply(msg);
}

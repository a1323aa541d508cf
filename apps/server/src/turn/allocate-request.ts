import { Allocation } from './allocation.ts';
import type { ClientTransport } from './client-transport.ts';
import { Attr, TRANSPORT_UDP } from './stun-constants.ts';
import { getAttr, type StunMessage } from './stun-message.ts';
import { errorReply, successReply } from './stun-replies.ts';
import type { StunWriter } from './stun-writer.ts';
import type { Authenticated } from './turn-auth.ts';
import type { TurnContext } from './turn-context.ts';

/**
 * Allocate (RFC 8656 §7.2). Returns the response to send: a writer (signed by the caller),
 * the cached bytes of a retransmitted Allocate, or nothing while the first one is in progress.
 */
export async function allocate(
  msg: StunMessage,
  client: ClientTransport,
  auth: Authenticated,
  ctx: TurnContext,
): Promise<StunWriter | Buffer | undefined> {
  const existing = ctx.table.get(client.key);
  if (existing) {
    const retransmit = existing.allocateTransaction === msg.transactionId.toString('hex');
    return retransmit && existing.allocateResponse
      ? existing.allocateResponse
      : errorReply(msg, 437);
  }
  if (ctx.table.isPending(client.key)) return undefined; // a retransmission while the socket binds
  const refusal = checkAllocate(msg, auth, client, ctx);
  if (refusal) return errorReply(msg, refusal);
  ctx.table.reserve(client.key, auth.clientId, client.remote.ip);
  try {
    const { socket, address } = await ctx.bindRelay(getAttr(msg, Attr.EvenPort) !== undefined);
    if (ctx.isClosed()) {
      socket.close();
      ctx.table.settle(client.key, undefined);
      return undefined;
    }
    const lifetimeSec = lifetimeFor(msg, ctx);
    const allocation = new Allocation({
      client,
      relay: socket,
      relayAddress: address,
      username: auth.username,
      clientId: auth.clientId,
      key: auth.key,
      bandwidthBytesPerSec: ctx.config.bandwidthBytesPerSec,
      lifetimeSec,
      onExpire: (a) => ctx.table.remove(a),
      localRelay: (ip, port) => ctx.table.getRelay(ip, port),
    });
    const response = successReply(msg)
      .addXorAddress(Attr.XorRelayedAddress, address)
      .addUInt32(Attr.Lifetime, lifetimeSec)
      .addXorAddress(Attr.XorMappedAddress, client.remote)
      .build({ key: auth.key, kind: auth.kind });
    allocation.allocateTransaction = msg.transactionId.toString('hex');
    allocation.allocateResponse = response;
    ctx.table.settle(client.key, allocation);
    return response;
  } catch (error) {
    ctx.table.settle(client.key, undefined);
    ctx.log.warn({ err: String(error) }, 'turn relay socket failed');
    return errorReply(msg, 508);
  }
}

/** The error code refusing this Allocate, or undefined when it may proceed. */
function checkAllocate(
  msg: StunMessage,
  auth: Authenticated,
  client: ClientTransport,
  ctx: TurnContext,
): number | undefined {
  const transport = getAttr(msg, Attr.RequestedTransport);
  if (transport?.length !== 4) return 400;
  if (transport[0] !== TRANSPORT_UDP) return 442;
  const family = getAttr(msg, Attr.RequestedAddressFamily);
  const relayIsV6 = ctx.config.relayHost.includes(':');
  if (family && (family.length !== 4 || (family[0] === 0x02) !== relayIsV6)) return 440;
  // Reserved port pairs (RFC 8656 §7.2 RESERVATION-TOKEN) are not offered.
  if (getAttr(msg, Attr.ReservationToken)) return 508;
  const { maxAllocationsPerClient, maxAllocationsPerIp, maxAllocations } = ctx.config;
  if (
    ctx.table.countFor(auth.clientId) >= maxAllocationsPerClient ||
    ctx.table.countForIp(client.remote.ip) >= maxAllocationsPerIp ||
    ctx.table.size >= maxAllocations
  ) {
    ctx.log.info({ clientId: auth.clientId }, 'turn allocation quota reached');
    return 486;
  }
  return undefined;
}

/** The requested LIFETIME clamped to the maximum; the default when absent (RFC 8656 §7.2). */
export function lifetimeFor(msg: StunMessage, ctx: TurnContext): number {
  const attr = getAttr(msg, Attr.Lifetime);
  const asked = attr?.length === 4 ? attr.readUInt32BE(0) : ctx.config.defaultLifetimeSec;
  return Math.min(asked, ctx.config.maxLifetimeSec);
}

import { createIdentity, signPeerFingerprint } from '@yam/crypto';
import { type ClientId, type RoomId, toBase64Url } from '@yam/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { PeerConnectionFactory } from '../../src/p2p/peer-link.ts';
import { PeerManager, type SignalTransport } from '../../src/p2p/peer-manager.ts';
import { encodePeerSignal } from '../../src/p2p/peer-signal.ts';
import type { SignalInfo } from '../../src/types.ts';
import { TestRoster } from './test-roster.ts';

// FakePeerConnection is a TEST DOUBLE for the browser's RTCPeerConnection (Node has none):
// it records what the manager asks of it. Real negotiation runs in e2e/tests/p2p-*.spec.ts.
const created: FakePeerConnection[] = [];
class FakePeerConnection {
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((e: unknown) => void) | null = null;
  ondatachannel: ((e: unknown) => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  signalingState = 'stable';
  connectionState = 'new';
  iceConnectionState = 'new';
  localDescription: { type: string; sdp: string } | null = null;
  remote: { type: string; sdp: string }[] = [];
  closed = false;
  constructor() {
    created.push(this);
  }
  async setRemoteDescription(d: { type: string; sdp: string }) {
    this.remote.push(d);
    this.signalingState = d.type === 'offer' ? 'have-remote-offer' : 'stable';
  }
  async setLocalDescription() {
    const type = this.signalingState === 'have-remote-offer' ? 'answer' : 'offer';
    this.localDescription = { type, sdp: sdp('BB:BB') };
    this.signalingState = type === 'answer' ? 'stable' : 'have-local-offer';
  }
  async addIceCandidate() {}
  restartIce() {}
  close() {
    this.closed = true;
  }
}

const sdp = (fp: string) => `v=0\r\na=fingerprint:sha-256 ${fp}\r\na=setup:actpass\r\n`;
const room = 'room-1' as RoomId;

function transport(clientId: string) {
  const listeners: ((i: SignalInfo) => void)[] = [];
  const sent: { to: ClientId; data: Uint8Array }[] = [];
  const t: SignalTransport & { deliver(i: SignalInfo): void; sent: typeof sent } = {
    clientId: clientId as ClientId,
    signal: (_room, to, data) => {
      sent.push({ to, data });
      return true;
    },
    iceServers: async () => ({ iceServers: [], expiresAt: Date.now() + 3_600_000 }),
    on: (_e, fn) => {
      listeners.push(fn);
      return () => {};
    },
    deliver: (info) => {
      for (const fn of listeners) fn(info);
    },
    sent,
  };
  return t;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('peer manager: DTLS fingerprints bound to device identities', () => {
  const a = createIdentity();
  const b = createIdentity();
  const mallory = createIdentity();

  function offer(signer: typeof a, claimedKey: Uint8Array, fingerprint = 'AA:AA') {
    const sig = signPeerFingerprint(signer, {
      room,
      from: signer.clientId,
      to: b.clientId,
      fingerprint: `sha-256 ${fingerprint}`,
    });
    return encodePeerSignal({
      k: 'desc',
      pc: 'remote-pc-0001',
      type: 'offer',
      sdp: sdp(fingerprint),
      pk: toBase64Url(claimedKey),
      sig: toBase64Url(sig),
    });
  }

  function managerB(idleMs?: number, roster = new TestRoster([a.clientId, b.clientId])) {
    created.length = 0;
    const t = transport(b.clientId);
    const manager = new PeerManager({
      client: t,
      identity: b,
      room,
      roster,
      RTCPeerConnection: FakePeerConnection as unknown as PeerConnectionFactory,
      ...(idleMs === undefined ? {} : { idleMs }),
    });
    return { t, manager, roster };
  }

  it('[P-SIG5] an offer signed by the sender over its fingerprint is applied and answered', async () => {
    const { t, manager } = managerB();
    t.deliver({ room, from: a.clientId as ClientId, data: offer(a, a.publicKey) });
    await settle();
    expect(created[0]?.remote.map((d) => d.type)).toEqual(['offer']);
    const answer = JSON.parse(new TextDecoder().decode(t.sent.at(-1)?.data));
    expect(answer).toMatchObject({ k: 'desc', type: 'answer', pk: toBase64Url(b.publicKey) });
    manager.close();
  });

  it('[P-SIG5] an offer signed by another identity, or for another fingerprint, is refused', async () => {
    for (const bad of [
      offer(mallory, mallory.publicKey), // Mallory's own key: does not hash to `from` = A
      offer(mallory, a.publicKey), // A's key, Mallory's signature
    ]) {
      const { t, manager } = managerB();
      t.deliver({ room, from: a.clientId as ClientId, data: bad });
      await settle();
      expect(created[0]?.remote).toEqual([]);
      expect(created[0]?.closed).toBe(true);
      expect(manager.connectedPeers()).toEqual([]);
      manager.close();
    }
    // A's genuine signature, but the SDP carries another certificate's fingerprint.
    const { t, manager } = managerB();
    const genuine = JSON.parse(new TextDecoder().decode(offer(a, a.publicKey)));
    genuine.sdp = sdp('CC:CC');
    t.deliver({ room, from: a.clientId as ClientId, data: encodePeerSignal(genuine) });
    await settle();
    expect(created[0]?.remote).toEqual([]);
    expect(manager.connectedPeers()).toEqual([]);
    manager.close();
  });

  it('[P-SIG1] signals of other rooms and malformed data are ignored', async () => {
    const { t, manager } = managerB();
    t.deliver({
      room: 'room-2' as RoomId,
      from: a.clientId as ClientId,
      data: offer(a, a.publicKey),
    });
    t.deliver({
      room,
      from: a.clientId as ClientId,
      data: new TextEncoder().encode('{"k":"desc"'),
    });
    await settle();
    expect(created).toEqual([]);
    manager.close();
  });

  it('a connection without open channels is closed once idle', async () => {
    const { t, manager } = managerB(300);
    t.deliver({ room, from: a.clientId as ClientId, data: offer(a, a.publicKey) });
    await settle();
    expect(manager.connectedPeers()).toEqual([a.clientId]);
    await vi.waitFor(() => expect(created[0]?.closed).toBe(true), { timeout: 5_000 });
    expect(manager.connectedPeers()).toEqual([]);
    manager.close();
  });

  it('[P-P2P1] signals from a client that is not a member are ignored', async () => {
    const { t, manager } = managerB(undefined, new TestRoster([b.clientId]));
    t.deliver({ room, from: a.clientId as ClientId, data: offer(a, a.publicKey) });
    await settle();
    expect(created).toEqual([]);
    expect(t.sent).toEqual([]);
    manager.close();
  });

  it('[P-P2P1] no channel is opened to a client that is not a member', async () => {
    const { t, manager } = managerB(undefined, new TestRoster([b.clientId]));
    await expect(manager.open(a.clientId as ClientId, 'xfer:1', 100)).rejects.toThrow(
      'not a member',
    );
    expect(created).toEqual([]);
    expect(t.sent).toEqual([]);
    manager.close();
  });

  it('[P-P2P1] a peer that stops being a member is disconnected', async () => {
    const { t, manager, roster } = managerB();
    t.deliver({ room, from: a.clientId as ClientId, data: offer(a, a.publicKey) });
    await settle();
    expect(manager.connectedPeers()).toEqual([a.clientId]);
    roster.set([b.clientId]);
    expect(created[0]?.closed).toBe(true);
    expect(manager.connectedPeers()).toEqual([]);
    const bye = JSON.parse(new TextDecoder().decode(t.sent.at(-1)?.data));
    expect(bye).toMatchObject({ k: 'bye' });
    manager.close();
  });
});

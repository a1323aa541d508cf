/**
 * The baseline: a bare `ws` broadcast server that speaks just enough of the Yam protocol for
 * the same load generator to drive it. It ACCEPTS EVERY AUTH WITHOUT VERIFYING the signature,
 * validates nothing, stores nothing and keeps no limits: it is the floor a real server's cost
 * is measured against. Prints `{"url","pid"}` as one JSON line once listening.
 */
import { randomBytes } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';

type Frame = { t?: string; rid?: number; room?: string; cmid?: string; payload?: string };

/** Starts the bare server on 127.0.0.1 and resolves with its ws:// URL. */
export function startBareServer(port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const rooms = new Map<string, Set<WebSocket>>();
  const seqs = new Map<string, number>();
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port,
    path: '/ws',
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has('yam.v1') ? 'yam.v1' : false),
  });
  wss.on('connection', (ws) => {
    const clientId = randomBytes(32).toString('base64url');
    const joined = new Set<string>();
    const nonce = randomBytes(32).toString('base64url');
    ws.send(
      JSON.stringify({ t: 'challenge', v: 1, nonce, origin: '', expiresAt: Date.now() + 60_000 }),
    );
    ws.on('message', (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        return;
      }
      if (frame.t === 'auth') {
        const limits = {
          maxFrameBytes: 262144,
          maxPayloadBytes: 131072,
          maxRoomsPerConnection: 100,
          maxHistoryPage: 200,
        };
        ws.send(JSON.stringify({ t: 'ready', clientId, limits }));
      } else if (frame.t === 'commit' && frame.room) {
        // The bench claims its rooms with commits (see room-claims.ts); the baseline just acks.
        const ack = { t: 'ack', rid: frame.rid, room: frame.room, cmid: frame.cmid, seq: 0 };
        ws.send(JSON.stringify({ ...ack, ts: Date.now(), duplicate: false }));
      } else if (frame.t === 'join.req' && frame.room) {
        // Each member asks to join before the claim's Welcome names it; the baseline just queues.
        ws.send(JSON.stringify({ t: 'join.queued', rid: frame.rid, room: frame.room, id: 1 }));
      } else if (frame.t === 'sub' && frame.room) {
        const members = rooms.get(frame.room) ?? new Set<WebSocket>();
        rooms.set(frame.room, members);
        members.add(ws);
        joined.add(frame.room);
        ws.send(
          JSON.stringify({
            t: 'subscribed',
            rid: frame.rid,
            room: frame.room,
            head: seqs.get(frame.room) ?? 0,
            members: [],
          }),
        );
      } else if (frame.t === 'pub' && frame.room && joined.has(frame.room)) {
        const seq = (seqs.get(frame.room) ?? 0) + 1;
        seqs.set(frame.room, seq);
        const ts = Date.now();
        ws.send(
          JSON.stringify({
            t: 'ack',
            rid: frame.rid,
            room: frame.room,
            cmid: frame.cmid,
            seq,
            ts,
            duplicate: false,
          }),
        );
        // One serialisation per message, shared by every receiver.
        const out = JSON.stringify({
          t: 'msg',
          room: frame.room,
          seq,
          from: clientId,
          cmid: frame.cmid,
          ts,
          payload: frame.payload,
        });
        for (const member of rooms.get(frame.room) ?? []) {
          if (member.readyState === WebSocket.OPEN) member.send(out);
        }
      }
    });
    ws.on('close', () => {
      for (const room of joined) rooms.get(room)?.delete(ws);
    });
  });
  return new Promise((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => {
      const address = wss.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `ws://127.0.0.1:${actual}/ws`,
        close: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close(() => done());
          }),
      });
    });
  });
}

if (import.meta.main) {
  const server = await startBareServer();
  console.log(
    JSON.stringify({ url: server.url, pid: process.pid, note: 'bare ws: auth not verified' }),
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * The second baseline: a plain Socket.IO broadcast server with rooms, doing what
 * bare-ws-server.ts does (auth ACCEPTED WITHOUT VERIFYING, no validation, no storage, no
 * limits) through Socket.IO's own rooms and broadcast. The load generator speaks Engine.IO v4
 * over its own `ws` client (bench-client.ts, when the URL path is /socket.io/): each Yam frame
 * travels as the one argument of a Socket.IO event named "y", so both sides parse the same
 * JSON as against the other servers. Prints `{"url","pid"}` as one JSON line once listening.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

type Frame = { t?: string; rid?: number; room?: string; cmid?: string; payload?: string };

/** Starts the Socket.IO server on 127.0.0.1 and resolves with its Engine.IO websocket URL. */
export function startSocketIoServer(port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const seqs = new Map<string, number>();
  const http = createServer();
  const io = new Server(http, {
    transports: ['websocket'],
    perMessageDeflate: false,
    httpCompression: false,
    serveClient: false,
    maxHttpBufferSize: 262144,
  });
  io.on('connection', (socket) => {
    const clientId = randomBytes(32).toString('base64url');
    const nonce = randomBytes(32).toString('base64url');
    const send = (frame: object) => socket.emit('y', frame);
    send({ t: 'challenge', v: 1, nonce, origin: '', expiresAt: Date.now() + 60_000 });
    socket.on('y', (frame: Frame) => {
      if (typeof frame !== 'object' || frame === null) return;
      if (frame.t === 'auth') {
        const limits = {
          maxFrameBytes: 262144,
          maxPayloadBytes: 131072,
          maxRoomsPerConnection: 100,
          maxHistoryPage: 200,
        };
        send({ t: 'ready', clientId, limits });
      } else if (frame.t === 'commit' && frame.room) {
        const ack = { t: 'ack', rid: frame.rid, room: frame.room, cmid: frame.cmid, seq: 0 };
        send({ ...ack, ts: Date.now(), duplicate: false });
      } else if (frame.t === 'join.req' && frame.room) {
        send({ t: 'join.queued', rid: frame.rid, room: frame.room, id: 1 });
      } else if (frame.t === 'sub' && frame.room) {
        void socket.join(frame.room);
        const head = seqs.get(frame.room) ?? 0;
        send({ t: 'subscribed', rid: frame.rid, room: frame.room, head, members: [] });
      } else if (frame.t === 'pub' && frame.room && socket.rooms.has(frame.room)) {
        const seq = (seqs.get(frame.room) ?? 0) + 1;
        seqs.set(frame.room, seq);
        const ts = Date.now();
        const { rid, room, cmid, payload } = frame;
        send({ t: 'ack', rid, room, cmid, seq, ts, duplicate: false });
        // Socket.IO encodes a broadcast once and writes it to every socket of the room.
        io.to(room).emit('y', { t: 'msg', room, seq, from: clientId, cmid, ts, payload });
      }
    });
  });
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => {
      const address = http.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `ws://127.0.0.1:${actual}/socket.io/?EIO=4&transport=websocket`,
        close: () => new Promise<void>((done) => void io.close(() => done())),
      });
    });
  });
}

if (import.meta.main) {
  const server = await startSocketIoServer();
  console.log(
    JSON.stringify({ url: server.url, pid: process.pid, note: 'socket.io: auth not verified' }),
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

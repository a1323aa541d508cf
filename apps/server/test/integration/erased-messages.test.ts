import type { ReceivedMessage } from '@yam/client';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { text, untext, waitFor } from './sdk-harness.ts';
import { closeSecureMembers, secureMember } from './secure-harness.ts';

// A deleted message leaves no text on a device: SecureRooms.erase replaces the plaintext
// cache entry, and a copy forwarded later (history sharing) is not taken in again.

let server: TestServer | undefined;
const room = 'erased-messages' as RoomId;

afterEach(async () => {
  await closeSecureMembers();
  await server?.stop();
  server = undefined;
});

const member = () => secureMember(server!.url, { keyPackageTarget: 2 });

describe('erasing a deleted message', () => {
  it('forgets the plaintext and envelope on the device, own and received, and refuses forwarded copies', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    const acked = new Set<string>();
    a.sdk.client.on('ack', (ack) => acked.add(ack.cmid));
    await a.secure.createRoom(room);
    const key = await a.secure.createInvite(room);
    await b.secure.join(room, { inviteKey: key, name: 'B', timeoutMs: 15_000 });
    const sent = await a.secure.send(room, text('delete me'));
    await waitFor(() => acked.has(sent.cmid), 'stored');
    const page = await b.sdk.client.history(room, { before: 1_000, limit: 50 });
    const message = page.messages.find((m) => m.cmid === sent.cmid) as ReceivedMessage;
    expect(untext((await b.secure.open(message))!.body!)).toBe('delete me');
    const envelope = await a.secure.signedEnvelope(message);
    expect(envelope).toBeDefined();

    await b.secure.erase(room, a.id, sent.cmid);
    const opened = await b.secure.open(message);
    expect(opened?.problem).toBe('erased');
    expect(opened?.body).toBeUndefined();
    expect(await b.secure.signedEnvelope(message)).toBeUndefined();
    // Another member forwards its copy: still forgotten.
    const again = await b.secure.adoptShared({ ...message, payload: envelope! }, a.id);
    expect(again?.body).toBeUndefined();
    expect(again?.problem).toBe('erased');

    // The author's own kept plaintext goes the same way.
    await a.secure.erase(room, a.id, sent.cmid);
    expect(await a.secure.ownBody(room, sent.cmid)).toBeUndefined();
    expect((await a.secure.open(message))?.problem).toBe('erased');
  });
});

import type { ReceivedMessage } from '@yam/client';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { text, untext, waitFor } from './sdk-harness.ts';
import { closeSecureMembers, secureMember } from './secure-harness.ts';

// History forwarded between members keeps the authors' signatures: a later member can
// check each message although MLS gave it no keys for them. [P-SIG6]

let server: TestServer | undefined;
const room = 'shared-history' as RoomId;

afterEach(async () => {
  await closeSecureMembers();
  await server?.stop();
  server = undefined;
});

const member = () => secureMember(server!.url, { keyPackageTarget: 2 });
type Member = Awaited<ReturnType<typeof member>>;

async function invite(inviter: Member, joiner: Member) {
  const key = await inviter.secure.createInvite(room);
  await joiner.secure.join(room, { inviteKey: key, name: 'Joiner', timeoutMs: 15_000 });
}

/** The room's stored app messages as `m` sees them (MLS ciphertext from the server). */
async function stored(m: Member): Promise<ReceivedMessage[]> {
  const page = await m.sdk.client.history(room, { before: 1_000, limit: 50 });
  // Not commits, nor control messages (the admitter's proof for each joiner [P-E2E8]).
  return page.messages.filter((x) => x.kind !== 'commit' && !x.cmid.startsWith('ctl-'));
}

/** What a member forwards: the stored message with its signed envelope as payload. */
async function forwarded(by: Member, message: ReceivedMessage): Promise<ReceivedMessage> {
  const envelope = await by.secure.signedEnvelope(message);
  if (!envelope) throw new Error('nothing to forward');
  return { ...message, payload: envelope };
}

describe('shared history through the secure layer', () => {
  it('[P-SIG6] own and decrypted messages are forwarded as signed envelopes; a later member verifies and keeps them, and rejects tampered ones', async () => {
    server = await startTestServer();
    const a = await member();
    const b = await member();
    const c = await member();
    const acked = new Set<string>();
    a.sdk.client.on('ack', (ack) => acked.add(ack.cmid));
    await a.secure.createRoom(room);
    await a.secure.send(room, text('A, alone'));
    await invite(a, b);
    const sent = await a.secure.send(room, text('A to B'));
    // Both sends reached the server (the outbox sends in the background).
    await waitFor(() => acked.has(sent.cmid), 'A’s messages stored');
    await invite(a, c);

    const [first, second] = await stored(c);
    // C joined later: MLS gives it no keys for these.
    expect((await c.secure.open(first!))?.problem).toBe('before-join');
    expect((await c.secure.open(second!))?.problem).toBe('before-join');
    // B could not read the first either, so it has nothing to forward for it.
    expect(await b.secure.signedEnvelope(first!)).toBeUndefined();

    const fromA = await forwarded(a, first!); // A's own message, plaintext kept when sent
    const fromB = await forwarded(b, second!); // A's message as B decrypted it

    // Tampered content, a re-attributed author, another message ID: all rejected.
    const tampered = { ...fromB, payload: fromB.payload.slice() };
    tampered.payload[tampered.payload.length - 1]! ^= 1;
    expect(await c.secure.adoptShared(tampered, b.id)).toBeUndefined();
    expect(await c.secure.adoptShared({ ...fromB, from: b.id }, b.id)).toBeUndefined();
    expect(await c.secure.adoptShared({ ...fromA, cmid: fromB.cmid }, a.id)).toBeUndefined();
    expect((await c.secure.open(second!))?.problem).toBe('before-join');

    const gotA = await c.secure.adoptShared(fromA, a.id);
    const gotB = await c.secure.adoptShared(fromB, b.id);
    expect(untext(gotA!.body!)).toBe('A, alone');
    expect(gotB).toMatchObject({ from: a.id, sharedBy: b.id });
    expect(untext(gotB!.body!)).toBe('A to B');
    // Kept: the stored ciphertext now opens from the plaintext cache.
    expect(untext((await c.secure.open(first!))!.body!)).toBe('A, alone');
    // And C can pass it on in turn, still signed by A.
    expect(await c.secure.signedEnvelope(second!)).toEqual(fromB.payload);
  });
});

import { createIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { claimRoom } from '../helpers/claim-room.ts';
import { type AuthedTestClient, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { closeSecureMembers, secureMember } from '../integration/secure-harness.ts';

let server: TestServer | undefined;
let impostor: AuthedTestClient | undefined;
const room = 'pake-impostor' as RoomId;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
/** The ristretto255 base point's encoding (RFC 9496): a valid share of someone without the password. */
const BASE_POINT = Buffer.from(
  'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76',
  'hex',
);

afterEach(async () => {
  impostor?.ws.terminate();
  await closeSecureMembers();
  await server?.stop();
  server = undefined;
});

async function impostorAnswering(share: Uint8Array) {
  server = await startTestServer();
  impostor = await TestClient.authenticated(server.wsUrl, createIdentity());
  await claimRoom(impostor, room);
  await impostor.request({ t: 'sub', rid: 1, room });
  const joiner = await secureMember(server.url);
  const joining = joiner.secure.join(room, { password: 'guess me', timeoutMs: 20_000 });
  const request = await impostor.next((f) => f.t === 'joinRequest');
  await impostor.request({ t: 'pake.reply', rid: 2, room, id: request.id, share: b64(share) });
  return { joining, request, impostor };
}

describe('[P-PAKE2] a joiner is not fooled by a member (or server) that does not know the password', () => {
  it('a made-up tag from the "member" fails the join with JOIN_REFUSED', async () => {
    const { joining, request, impostor } = await impostorAnswering(BASE_POINT);
    const confirm = await impostor.next((f) => f.t === 'pakeConfirm');
    expect(confirm.id).toBe(request.id);
    const tag = b64(new Uint8Array(64).fill(9));
    await impostor.request({ t: 'pake.done', rid: 3, room, id: request.id, tag });
    await expect(joining).rejects.toMatchObject({ code: 'JOIN_REFUSED' });
  });

  it('a neutral-element share aborts the run (the draft’s abort case) without sending a tag', async () => {
    const { joining } = await impostorAnswering(new Uint8Array(32));
    await expect(joining).rejects.toMatchObject({ code: 'JOIN_REFUSED' });
    expect(impostor!.frames.some((f) => f.t === 'pakeConfirm')).toBe(false);
  });
});

import { sha256 } from '@noble/hashes/sha2.js';
import {
  createCommit,
  defaultAuthenticationService,
  defaultLifetime,
  emptyPskIndex,
  encodeMlsMessage,
  generateKeyPackageWithKey,
  processPrivateMessage,
} from 'ts-mls';
import { describe, expect, it } from 'vitest';
import { createIdentity } from '../identity.ts';
import { isValidCredential } from './authentication-service.ts';
import { cipherSuite } from './cipher-suite.ts';
import { KEY_RETENTION } from './client-config.ts';
import { createKeyPackage, parseKeyPackage, yamCapabilities } from './key-package.ts';
import { MLS_LIMITS } from './limits.ts';
import { addMembers, removeMember, updateKeys } from './membership.ts';
import { decodeMls } from './mls-codec.ts';
import { createRoomGroup, epochOf, type RoomGroup } from './room-group.ts';
import { decryptMessage, encryptMessage, processCommit } from './room-messages.ts';
import { addDevice, expectCryptoError, read, roomWith, text } from './test-helpers.ts';

const ANY_REJECTION = ['TAMPERED', 'DECODE_FAILED', 'WRONG_EPOCH', 'NOT_MEMBER'] as const;

/** Decrypts with ts-mls directly, bypassing our epoch and membership checks: keys only. */
async function rawDecrypt(group: RoomGroup, bytes: Uint8Array): Promise<unknown> {
  const { privateMessage } = decodeMls(bytes, 'mls_private_message', MLS_LIMITS.handshakeBytes);
  return processPrivateMessage(group.state, privateMessage, emptyPskIndex, await cipherSuite());
}

describe('MLS adversaries: what keys can do', () => {
  it('a removed member that kept its state cannot decrypt the next epoch', async () => {
    const [a, b, c] = await roomWith(3);
    const keptByC = c!.group; // C saves its state and ignores the removal
    const removal = await removeMember(a!.group, c!.identity.clientId);
    a!.group = removal.group;
    b!.group = (await processCommit(b!.group, removal.commit)).group;
    const secret = await encryptMessage(a!.group, text('after C left'));
    expect(read((await decryptMessage(b!.group, secret.ciphertext)).plaintext)).toBe(
      'after C left',
    );
    await expectCryptoError(decryptMessage(keptByC, secret.ciphertext), 'WRONG_EPOCH');
    await expect(rawDecrypt(keptByC, secret.ciphertext)).rejects.toThrow();
    // Even after applying the removal commit, C's state has no keys for epoch 2.
    const applied = await processCommit(keptByC, removal.commit);
    await expect(rawDecrypt(applied.group, secret.ciphertext)).rejects.toThrow();
  });

  it('a joiner cannot decrypt messages sent before its join', async () => {
    const [a, b] = await roomWith(2);
    const before = await encryptMessage(a!.group, text('before D'));
    a!.group = before.group;
    const d = await addDevice(a!, [b!]);
    await expectCryptoError(decryptMessage(d.group, before.ciphertext), 'WRONG_EPOCH');
    await expect(rawDecrypt(d.group, before.ciphertext)).rejects.toThrow();
    const after = await encryptMessage(a!.group, text('welcome D'));
    expect(read((await decryptMessage(d.group, after.ciphertext)).plaintext)).toBe('welcome D');
  });

  it('a replayed message is rejected', async () => {
    const [a, b] = await roomWith(2);
    const sent = await encryptMessage(a!.group, text('once'));
    const first = await decryptMessage(b!.group, sent.ciphertext);
    await expectCryptoError(decryptMessage(first.group, sent.ciphertext), 'REPLAY');
  });

  it('reordering within the window works; beyond it the message is rejected', async () => {
    const [a, b] = await roomWith(2);
    const sent: Uint8Array[] = [];
    for (let i = 0; i < 40; i++) {
      const m = await encryptMessage(a!.group, text(`m${i}`));
      a!.group = m.group;
      sent.push(m.ciphertext);
    }
    let group = (await decryptMessage(b!.group, sent[39]!)).group;
    const inWindow = await decryptMessage(group, sent[20]!);
    expect(read(inWindow.plaintext)).toBe('m20');
    group = inWindow.group;
    await expectCryptoError(decryptMessage(group, sent[0]!), 'REPLAY');
  });

  it('a message further ahead than the forward window is rejected', async () => {
    const [a, b] = await roomWith(2);
    let last: Uint8Array = new Uint8Array();
    for (let i = 0; i <= KEY_RETENTION.maximumForwardRatchetSteps + 1; i++) {
      const m = await encryptMessage(a!.group, text('x'));
      a!.group = m.group;
      last = m.ciphertext;
    }
    await expectCryptoError(decryptMessage(b!.group, last), 'REPLAY');
  });

  it('tampered application messages and commits are rejected with typed errors', async () => {
    const [a, b, c] = await roomWith(3);
    const sent = await encryptMessage(a!.group, text('integrity'));
    const length = sent.ciphertext.length;
    for (let at = 0; at < length; at++) {
      const bad = sent.ciphertext.slice();
      bad[at]! ^= 0x01;
      // Header bytes (group ID, epoch, lengths) fail framing checks; the rest fails AEAD.
      const codes = at < length - 200 ? ANY_REJECTION : (['TAMPERED'] as const);
      await expectCryptoError(decryptMessage(b!.group, bad), ...codes);
    }
    const removal = await removeMember(a!.group, c!.identity.clientId);
    const bad = removal.commit.slice();
    bad[bad.length - 3]! ^= 0x80;
    await expectCryptoError(processCommit(b!.group, bad), 'TAMPERED');
    // The untouched message still decrypts: the failures did not consume its key.
    expect(read((await decryptMessage(b!.group, sent.ciphertext)).plaintext)).toBe('integrity');
  });

  it('a commit from a non-member is rejected', async () => {
    const a = createIdentity();
    const group = await createRoomGroup(a, 'shared-room');
    // Mallory makes her own group with the same room ID (same group ID and epoch).
    const mallory = await createRoomGroup(createIdentity(), 'shared-room');
    const forged = await updateKeys(mallory);
    await expectCryptoError(processCommit(group, forged.commit), 'TAMPERED');
    expect(epochOf(group)).toBe(0n);
  });

  it('a removed member cannot commit to the group any more', async () => {
    const [a, b, c] = await roomWith(3);
    const keptByC = c!.group;
    const removal = await removeMember(a!.group, c!.identity.clientId);
    b!.group = (await processCommit(b!.group, removal.commit)).group;
    const fromC = await updateKeys(keptByC);
    await expectCryptoError(processCommit(b!.group, fromC.commit), 'WRONG_EPOCH');
  });

  it('a substituted KeyPackage (identity is not the hash of its key) is rejected', async () => {
    const [a, b] = await roomWith(2);
    const bob = createIdentity();
    const mallory = createIdentity();
    const cs = await cipherSuite();
    const forged = await generateKeyPackageWithKey(
      { credentialType: 'basic', identity: sha256(bob.publicKey) },
      yamCapabilities(),
      defaultLifetime,
      [],
      { signKey: mallory.secretKey, publicKey: mallory.publicKey },
      cs,
    );
    const bytes = encodeMlsMessage({
      version: 'mls10',
      wireformat: 'mls_key_package',
      keyPackage: forged.publicPackage,
    });
    await expectCryptoError(parseKeyPackage(bytes), 'BAD_CREDENTIAL');
    await expectCryptoError(addMembers(a!.group, [bytes]), 'BAD_CREDENTIAL');
    // An insider whose client skips the check commits it anyway: honest members refuse.
    const rogue = {
      ...a!.group.state,
      clientConfig: { ...a!.group.state.clientConfig, authService: defaultAuthenticationService },
    };
    const commit = await createCommit(
      { state: rogue, cipherSuite: cs },
      { extraProposals: [{ proposalType: 'add', add: { keyPackage: forged.publicPackage } }] },
    );
    await expectCryptoError(
      processCommit(b!.group, encodeMlsMessage(commit.commit)),
      'BAD_CREDENTIAL',
    );
  });

  it('our AuthenticationService accepts only identity = SHA-256(signature key)', async () => {
    const id = createIdentity();
    const identity = sha256(id.publicKey);
    expect(isValidCredential({ credentialType: 'basic', identity }, id.publicKey)).toBe(true);
    expect(
      isValidCredential({ credentialType: 'basic', identity }, createIdentity().publicKey),
    ).toBe(false);
    expect(
      isValidCredential({ credentialType: 'basic', identity: id.publicKey }, id.publicKey),
    ).toBe(false);
    expect(
      isValidCredential({ credentialType: 'x509', certificates: [identity] }, id.publicKey),
    ).toBe(false);
    const kp = await createKeyPackage(id);
    expect((await parseKeyPackage(kp.keyPackage)).leafNode.credential).toEqual({
      credentialType: 'basic',
      identity,
    });
  });

  it('two concurrent commits for one epoch: the accepted one wins, the loser rebases, all converge', async () => {
    const [a, b, c] = await roomWith(3);
    const fromA = await addMembers(a!.group, [
      (await createKeyPackage(createIdentity())).keyPackage,
    ]);
    const fromB = await updateKeys(b!.group);
    // The delivery service accepts A's commit for epoch 1 and refuses B's.
    a!.group = fromA.group;
    b!.group = (await processCommit(b!.group, fromA.commit)).group;
    c!.group = (await processCommit(c!.group, fromA.commit)).group;
    await expectCryptoError(processCommit(c!.group, fromB.commit), 'WRONG_EPOCH');
    // B rebases: the same change again, on the new epoch.
    const rebased = await updateKeys(b!.group);
    b!.group = rebased.group;
    a!.group = (await processCommit(a!.group, rebased.commit)).group;
    c!.group = (await processCommit(c!.group, rebased.commit)).group;
    expect([a, b, c].map((d) => epochOf(d!.group))).toEqual([3n, 3n, 3n]);
    const hello = await encryptMessage(c!.group, text('converged'));
    expect(read((await decryptMessage(a!.group, hello.ciphertext)).plaintext)).toBe('converged');
    expect(read((await decryptMessage(b!.group, hello.ciphertext)).plaintext)).toBe('converged');
  });
});

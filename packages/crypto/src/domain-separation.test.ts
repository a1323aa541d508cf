import { ed25519 } from '@noble/curves/ed25519.js';
import { signWithLabel, verifyWithLabel } from 'ts-mls/crypto/signature.js';
import { describe, expect, it } from 'vitest';
import { contentSignatureInput, signContent, verifyContent } from './content-signature.ts';
import { createIdentity, signAuthChallenge, verifyAuthChallenge } from './identity.ts';
import { LABELS } from './labels.ts';
import { mlsSignature } from './mls/mls-signature.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
// Labels ts-mls signs under (RFC 9420 §5.1.2 and the structs that use SignWithLabel).
const MLS_LABELS = ['FramedContentTBS', 'LeafNodeTBS', 'KeyPackageTBS', 'GroupInfoTBS'];

describe('[P-AUTH1] domain separation of the one identity key', () => {
  const id = createIdentity();
  const content = { room: 'room-1', messageId: 'm1', contentHash: new Uint8Array(32).fill(7) };
  const authMessage = utf8(`${LABELS.auth}https://yam.example\nnonce-123`);

  it('an auth signature never verifies as an MLS or content signature', async () => {
    const authSig = signAuthChallenge(id, authMessage);
    expect(verifyAuthChallenge(id.publicKey, authMessage, authSig)).toBe(true);
    // The same bytes as MLS content, under every MLS label: no.
    for (const label of MLS_LABELS) {
      expect(await verifyWithLabel(id.publicKey, label, authMessage, authSig, mlsSignature)).toBe(
        false,
      );
      expect(
        await verifyWithLabel(
          id.publicKey,
          label,
          authMessage.subarray(LABELS.auth.length),
          authSig,
          mlsSignature,
        ),
      ).toBe(false);
    }
    expect(verifyContent(id.publicKey, content, authSig)).toBe(false);
  });

  it('a content signature never verifies as an auth or MLS signature', async () => {
    const sig = signContent(id, content);
    expect(verifyContent(id.publicKey, content, sig)).toBe(true);
    const input = contentSignatureInput(content);
    expect(verifyAuthChallenge(id.publicKey, input, sig)).toBe(false);
    for (const label of MLS_LABELS) {
      expect(await verifyWithLabel(id.publicKey, label, input, sig, mlsSignature)).toBe(false);
    }
  });

  it('an MLS signature never verifies as an auth or content signature', async () => {
    const mlsContent = utf8(`${LABELS.auth}https://yam.example\nnonce-123`);
    const sig = await signWithLabel(id.secretKey, 'LeafNodeTBS', mlsContent, mlsSignature);
    expect(await verifyWithLabel(id.publicKey, 'LeafNodeTBS', mlsContent, sig, mlsSignature)).toBe(
      true,
    );
    expect(verifyAuthChallenge(id.publicKey, mlsContent, sig)).toBe(false);
    expect(verifyContent(id.publicKey, content, sig)).toBe(false);
  });

  it('each signer refuses input shaped for another purpose', async () => {
    await expect(mlsSignature.sign(id.secretKey, authMessage)).rejects.toThrow();
    await expect(mlsSignature.sign(id.secretKey, contentSignatureInput(content))).rejects.toThrow();
    expect(() => signAuthChallenge(id, contentSignatureInput(content))).toThrow();
    // Sanity: the raw key would sign anything, so the refusals above are what separates.
    expect(ed25519.verify(ed25519.sign(authMessage, id.secretKey), authMessage, id.publicKey)).toBe(
      true,
    );
  });

  it('content signatures bind room, message ID and hash', () => {
    const sig = signContent(id, content);
    expect(verifyContent(id.publicKey, { ...content, room: 'room-2' }, sig)).toBe(false);
    expect(verifyContent(id.publicKey, { ...content, messageId: 'm2' }, sig)).toBe(false);
    expect(verifyContent(id.publicKey, { ...content, contentHash: new Uint8Array(32) }, sig)).toBe(
      false,
    );
    expect(verifyContent(createIdentity().publicKey, content, sig)).toBe(false);
    // Length prefixes: moving a character between room and message ID changes the input.
    expect(contentSignatureInput({ ...content, room: 'ab', messageId: 'c' })).not.toEqual(
      contentSignatureInput({ ...content, room: 'a', messageId: 'bc' }),
    );
  });
});

import { gcm } from '@noble/ciphers/aes.js';
import { afterEach, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../bytes.ts';
import {
  sealEnvelope,
  sealEnvelopeAsync,
  verifyEnvelope,
  verifyEnvelopeAsync,
} from '../../envelope.ts';
import { createIdentity } from '../../identity.ts';
import { YAM_LABEL_PREFIX } from '../../labels.ts';
import {
  cipherSuiteFor,
  type MlsCryptoPath,
  mlsCryptoPath,
  useMlsCryptoPath,
} from '../cipher-suite.ts';
import { createKeyPackage } from '../key-package.ts';
import { addMembers, joinFromWelcome } from '../membership.ts';
import { createRoomGroup } from '../room-group.ts';
import { decryptMessage, encryptMessage } from '../room-messages.ts';
import { webCryptoEd25519Works } from './web-crypto-probe.ts';

// RFC 8032 section 7.1, tests 1-3 and "SHA(abc)".
const RFC8032 = [
  {
    secretKey: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secretKey: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    secretKey: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
] as const;

// The order of the Ed25519 group, little-endian: S + L encodes the same scalar non-canonically.
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

const PATHS: MlsCryptoPath[] = ['web-crypto', 'pure-js'];

afterEach(() => useMlsCryptoPath('auto'));

describe('MLS crypto paths: the same known answers on Web Crypto and pure JS', () => {
  it('this platform (Node 24) passes the Web Crypto Ed25519 probe, so auto means web-crypto', async () => {
    expect(await webCryptoEd25519Works(globalThis.crypto.subtle)).toBe(true);
    expect(await mlsCryptoPath()).toBe('web-crypto');
    useMlsCryptoPath('pure-js');
    expect(await mlsCryptoPath()).toBe('pure-js');
  });

  for (const path of PATHS) {
    describe(path, () => {
      it('signs the RFC 8032 vectors byte for byte and verifies them', async () => {
        const { signature } = await cipherSuiteFor(path);
        for (const v of RFC8032) {
          const sig = await signature.sign(fromHex(v.secretKey), fromHex(v.message));
          expect(toHex(sig)).toBe(v.signature);
          expect(
            await signature.verify(fromHex(v.publicKey), fromHex(v.message), fromHex(v.signature)),
          ).toBe(true);
        }
      });

      it('refuses a flipped bit in the signature, message or key, a non-canonical S, and junk keys', async () => {
        const { signature } = await cipherSuiteFor(path);
        const v = RFC8032[2];
        const pk = fromHex(v.publicKey);
        const msg = fromHex(v.message);
        const sig = fromHex(v.signature);
        const flip = (b: Uint8Array, i: number) => {
          const c = b.slice();
          c[i]! ^= 1;
          return c;
        };
        expect(await signature.verify(pk, msg, flip(sig, 0))).toBe(false);
        expect(await signature.verify(pk, msg, flip(sig, 40))).toBe(false);
        expect(await signature.verify(pk, flip(msg, 1), sig)).toBe(false);
        expect(await signature.verify(flip(pk, 3), msg, sig)).toBe(false);
        // S + L: the same scalar, non-canonical encoding; RFC 8032 says reject.
        const s = leToBig(sig.subarray(32)) + L;
        const malleable = sig.slice();
        malleable.set(bigToLe(s), 32);
        expect(await signature.verify(pk, msg, malleable)).toBe(false);
        expect(await signature.verify(new Uint8Array(31), msg, sig)).toBe(false);
        expect(await signature.verify(pk, msg, sig.subarray(0, 63))).toBe(false);
        // A key array reused with new contents is not verified under the old key.
        const reused = pk.slice();
        expect(await signature.verify(reused, msg, sig)).toBe(true);
        reused.set(fromHex(RFC8032[0].publicKey));
        expect(await signature.verify(reused, msg, sig)).toBe(false);
      });

      it('signs with a fresh keygen pair and refuses Yam-labelled input', async () => {
        const { signature } = await cipherSuiteFor(path);
        const { signKey, publicKey } = await signature.keygen();
        expect(signKey.length).toBe(32);
        const msg = new TextEncoder().encode('MLS 1.0 FramedContentTBS');
        expect(await signature.verify(publicKey, msg, await signature.sign(signKey, msg))).toBe(
          true,
        );
        const yam = new Uint8Array([...YAM_LABEL_PREFIX, 1, 2, 3]);
        await expect(signature.sign(signKey, yam)).rejects.toThrow(/Yam-labelled/);
      });

      it('seals and checks message envelopes (content signatures) to the same bytes as the sync code', async () => {
        useMlsCryptoPath(path);
        const author = createIdentity();
        const content = { room: 'r1', messageId: 'm1', body: new TextEncoder().encode('hi') };
        const sealed = await sealEnvelopeAsync(author, content);
        expect(toHex(sealed.signature)).toBe(toHex(sealEnvelope(author, content).signature));
        expect(await verifyEnvelopeAsync(sealed)).toBe(true);
        expect(verifyEnvelope(sealed)).toBe(true);
        const forged = { ...sealed, body: new TextEncoder().encode('ho') };
        expect(await verifyEnvelopeAsync(forged)).toBe(false);
        const otherRoom = { ...sealed, room: 'r2' };
        expect(await verifyEnvelopeAsync(otherRoom)).toBe(false);
      });

      it('hashes, MACs and derives the RFC 4231 / RFC 5869 answers', async () => {
        const { hash, kdf } = await cipherSuiteFor(path);
        expect(toHex(await hash.digest(new TextEncoder().encode('abc')))).toBe(
          'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        );
        // RFC 4231 test case 2.
        const mac = await hash.mac(
          new TextEncoder().encode('Jefe'),
          new TextEncoder().encode('what do ya want for nothing?'),
        );
        expect(toHex(mac)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
        expect(
          await hash.verifyMac(
            new TextEncoder().encode('Jefe'),
            mac,
            new TextEncoder().encode('what do ya want for nothing?'),
          ),
        ).toBe(true);
        // RFC 5869 test case 1.
        const prk = await kdf.extract(
          fromHex('000102030405060708090a0b0c'),
          fromHex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b'),
        );
        expect(toHex(prk)).toBe('077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5');
        const okm = await kdf.expand(prk, fromHex('f0f1f2f3f4f5f6f7f8f9'), 42);
        expect(toHex(okm)).toBe(
          '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
        );
      });

      it('seals AES-128-GCM exactly as an independent implementation and refuses a tampered tag', async () => {
        const { hpke } = await cipherSuiteFor(path);
        const key = fromHex('000102030405060708090a0b0c0d0e0f');
        const nonce = fromHex('101112131415161718191a1b');
        const aad = new TextEncoder().encode('aad');
        const plain = new TextEncoder().encode('an MLS application message');
        const sealed = await hpke.encryptAead(key, nonce, aad, plain);
        expect(toHex(sealed)).toBe(toHex(gcm(key, nonce, aad).encrypt(plain)));
        expect(await hpke.decryptAead(key, nonce, aad, sealed)).toEqual(plain);
        // No AAD (ts-mls seals a Welcome's GroupInfo so), and inputs that are views into
        // larger buffers (as ts-mls's decoders hand them over).
        const none = await hpke.encryptAead(key, nonce, undefined, plain);
        expect(toHex(none)).toBe(toHex(gcm(key, nonce, new Uint8Array()).encrypt(plain)));
        const framed = new Uint8Array([9, ...none, 9]).subarray(1, 1 + none.length);
        expect(await hpke.decryptAead(key, nonce, undefined, framed)).toEqual(plain);
        sealed[0]! ^= 1;
        await expect(hpke.decryptAead(key, nonce, aad, sealed)).rejects.toThrow();
      });
    });
  }

  it('a group made on one path works on the other: messages cross both ways', async () => {
    const alice = createIdentity();
    const bob = createIdentity();
    useMlsCryptoPath('web-crypto');
    const created = await createRoomGroup(alice, 'paths-room');
    useMlsCryptoPath('pure-js');
    const pending = await createKeyPackage(bob);
    const added = await addMembers(created, [pending.keyPackage]);
    useMlsCryptoPath('web-crypto');
    const { group: joined } = await joinFromWelcome(bob, added.welcome, [pending]);
    const hello = new TextEncoder().encode('hello from web crypto');
    const sent = await encryptMessage(joined, hello);
    useMlsCryptoPath('pure-js');
    const got = await decryptMessage(added.group, sent.ciphertext);
    expect(got.plaintext).toEqual(hello);
    expect(got.senderClientId).toBe(bob.clientId);
    const back = await encryptMessage(got.group, new TextEncoder().encode('and back'));
    useMlsCryptoPath('web-crypto');
    const read = await decryptMessage(sent.group, back.ciphertext);
    expect(new TextDecoder().decode(read.plaintext)).toBe('and back');
  });
});

function leToBig(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

function bigToLe(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

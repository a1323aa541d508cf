import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { utf8 } from './bytes.ts';
import {
  calculateGenerator,
  generatorString,
  intermediateSessionKey,
  isIdentity,
  prefixFreeCat,
  prependLen,
  scalarMult,
  scalarMultVfy,
} from './cpace.ts';

// Test vectors of draft-irtf-cfrg-cpace, appendix "Test vector for CPace using group
// ristretto255 and hash SHA-512", and its string-utility vectors. (Some earlier revisions
// printed a generator g that is not RFC 9496's element derivation of the printed hash; these
// are the corrected revision's values, g = 5e25411c…, which match RFC 9496.)
const h = (s: string) => hexToBytes(s.replace(/\s+/g, ''));
const TV = {
  PRS: utf8('Password'),
  CI: h('0a41696e69746961746f720a42726573706f6e646572'),
  sid: h('7e4b4791d6a8ef019b936c79fb7f2c57'),
  generatorString: h(`
    11435061636552697374726574746f3235350850617373776f726464
    00000000000000000000000000000000000000000000000000000000
    00000000000000000000000000000000000000000000000000000000
    00000000000000000000000000000000000000000000000000000000
    00000000000000000000000000000000160a41696e69746961746f72
    0a42726573706f6e646572107e4b4791d6a8ef019b936c79fb7f2c57`),
  g: h('5e25411ca1ad7c9debfd0b33ad987a95cefef2d3f15dcc8bd26415a5dfe2e15a'),
  ADa: utf8('ADa'),
  ya: h('da3d23700a9e5699258aef94dc060dfda5ebb61f02a5ea77fad53f4ff0976d08'),
  Ya: h('383a85dd236978f17f8c8545b50dabc52a39fcdab2cf8bc531ce040ff77ca82d'),
  MSGa: h('20383a85dd236978f17f8c8545b50dabc52a39fcdab2cf8bc531ce040ff77ca82d03414461'),
  ADb: utf8('ADb'),
  yb: h('d2316b454718c35362d83d69df6320f38578ed5984651435e2949762d900b80d'),
  Yb: h('a6206309c0e8e5f579295e35997ac4300ab3fecec3c17f7b604f3e698fa1383c'),
  MSGb: h('20a6206309c0e8e5f579295e35997ac4300ab3fecec3c17f7b604f3e698fa1383c03414462'),
  K: h('fa1d0318864e2cacb26875f1b791c9ae83204fe8359addb53e95a2e98893853f'),
  ISK_IR: h(`
    e91ccb2c0f5e0d0993a33956e3be59754f3f2b07db57631f5394452e
    a2e7b4354674eb1f5686c078462bf83bec72e8743df440108e638f35
    26d9b90e85be096f`),
  // scalar_mult test cases
  s: h('7cd0e075fa7955ba52c02759a6c90dbbfc10e6d40aea8d283e407d88cf538a05'),
  X: h('2c3c6b8c4f3800e7aef6864025b4ed79bd599117e427c41bd47d93d654b4a51c'),
  sX: h('7c13645fe790a468f62c39beb7388e541d8405d1ade69d1778c5fe3e7f6b600e'),
  Y_i1: h('2b3c6b8c4f3800e7aef6864025b4ed79bd599117e427c41bd47d93d654b4a51c'),
  Y_i2: new Uint8Array(32),
};

describe('CPace-ristretto255-SHA512 (draft-irtf-cfrg-cpace test vectors)', () => {
  it('prepend_len and prefix_free_cat', () => {
    expect(bytesToHex(prependLen(new Uint8Array(0)))).toBe('00');
    expect(bytesToHex(prependLen(utf8('1234')))).toBe('0431323334');
    const r127 = Uint8Array.from({ length: 127 }, (_, i) => i);
    const r128 = Uint8Array.from({ length: 128 }, (_, i) => i);
    expect(bytesToHex(prependLen(r127).subarray(0, 2))).toBe('7f00');
    expect(prependLen(r127).length).toBe(128);
    expect(bytesToHex(prependLen(r128).subarray(0, 3))).toBe('800100');
    expect(prependLen(r128).length).toBe(130);
    const cat = prefixFreeCat(utf8('1234'), utf8('5'), new Uint8Array(0), utf8('6789'));
    expect(bytesToHex(cat)).toBe('04313233340135000436373839');
  });

  it('the one-way map is RFC 9496 element derivation (its first vector)', () => {
    const input = h(`
      5d1be09e3d0c82fc538112490e35701979d99e06ca3e2b5b54bffe8b4dc772c1
      4d98b696a1bbfb5ca32c436cc61c16563790306c79eaca7705668b47dffe5bb6`);
    expect(bytesToHex(ristretto255_hasher.deriveToCurve!(input).toBytes())).toBe(
      '3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46',
    );
  });

  it('generator string and generator g', () => {
    expect(bytesToHex(generatorString(TV.PRS, TV.CI, TV.sid))).toBe(bytesToHex(TV.generatorString));
    expect(bytesToHex(calculateGenerator(TV.PRS, TV.CI, TV.sid).toBytes())).toBe(bytesToHex(TV.g));
  });

  it('MSGa, MSGb, K and ISK (initiator/responder)', () => {
    const g = calculateGenerator(TV.PRS, TV.CI, TV.sid);
    const Ya = scalarMult(TV.ya, g);
    const Yb = scalarMult(TV.yb, g);
    expect(bytesToHex(Ya)).toBe(bytesToHex(TV.Ya));
    expect(bytesToHex(Yb)).toBe(bytesToHex(TV.Yb));
    const msgA = prefixFreeCat(Ya, TV.ADa);
    const msgB = prefixFreeCat(Yb, TV.ADb);
    expect(bytesToHex(msgA)).toBe(bytesToHex(TV.MSGa));
    expect(bytesToHex(msgB)).toBe(bytesToHex(TV.MSGb));
    const kA = scalarMultVfy(TV.ya, Yb);
    const kB = scalarMultVfy(TV.yb, Ya);
    expect(bytesToHex(kA)).toBe(bytesToHex(TV.K));
    expect(bytesToHex(kB)).toBe(bytesToHex(TV.K));
    expect(bytesToHex(intermediateSessionKey(TV.sid, kA, msgA, msgB))).toBe(bytesToHex(TV.ISK_IR));
  });

  it('scalar_mult_vfy: a valid point, and G.I for an invalid encoding or the neutral element', () => {
    expect(bytesToHex(scalarMult(TV.s, ristretto255.Point.fromBytes(TV.X)))).toBe(
      bytesToHex(TV.sX),
    );
    expect(bytesToHex(scalarMultVfy(TV.s, TV.X))).toBe(bytesToHex(TV.sX));
    expect(isIdentity(scalarMultVfy(TV.s, TV.Y_i1))).toBe(true);
    expect(isIdentity(scalarMultVfy(TV.s, TV.Y_i2))).toBe(true);
    expect(isIdentity(TV.sX)).toBe(false);
  });
});

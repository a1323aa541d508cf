import { describe, expect, it } from 'vitest';
import { Attr, StunClass, StunMethod } from '../../src/turn/stun-constants.ts';
import {
  checkFingerprint,
  checkIntegrity,
  getAttr,
  parseStunMessage,
} from '../../src/turn/stun-message.ts';
import { decodeXorAddress, StunWriter } from '../../src/turn/stun-writer.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// RFC 5769 §2.1 Sample Request (short-term credentials, password below).
const SAMPLE_REQUEST = hex(`
  000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420636c69656e74
  002400046e0001ff80290008932ff9b151263b36000600096576746a3a68367659202020
  000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf`);
// RFC 5769 §2.2 Sample IPv4 Response: XOR-MAPPED-ADDRESS 192.0.2.1:32853.
const SAMPLE_IPV4_RESPONSE = hex(`
  0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220
  002000080001a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7
  80280004c07d4c96`);
const PASSWORD = Buffer.from('VOkJxbRl1RmTxUk/WvJxBt');
// RFC 5769 §2.3: the XOR-MAPPED-ADDRESS value for [2001:db8:1234:5678:11:2233:4455:6677]:32853.
const IPV6_XOR_VALUE = hex('0002a1470113a9faa5d3f179bc25f4b5bed2b9d9');

describe('STUN codec', () => {
  it('parses the RFC 5769 sample request and verifies its MESSAGE-INTEGRITY and FINGERPRINT', () => {
    const msg = parseStunMessage(SAMPLE_REQUEST);
    expect(msg).toBeDefined();
    if (!msg) return;
    expect(msg.method).toBe(StunMethod.Binding);
    expect(msg.cls).toBe(StunClass.Request);
    expect(getAttr(msg, Attr.Username)?.toString()).toBe('evtj:h6vY');
    expect(checkFingerprint(msg)).toBe('ok');
    expect(checkIntegrity(msg, PASSWORD)).toBe(true);
    expect(checkIntegrity(msg, Buffer.from('wrong'))).toBe(false);
  });

  it('verifies the RFC 5769 IPv4 response and decodes 192.0.2.1:32853', () => {
    const msg = parseStunMessage(SAMPLE_IPV4_RESPONSE);
    if (!msg) throw new Error('did not parse');
    expect(msg.cls).toBe(StunClass.Success);
    expect(checkFingerprint(msg)).toBe('ok');
    expect(checkIntegrity(msg, PASSWORD)).toBe(true);
    const value = getAttr(msg, Attr.XorMappedAddress);
    expect(value && decodeXorAddress(value, msg.transactionId)).toEqual({
      ip: '192.0.2.1',
      port: 32853,
    });
  });

  it('encodes XOR-MAPPED-ADDRESS byte for byte as RFC 5769 §2.2 and §2.3 print it', () => {
    const txid = SAMPLE_REQUEST.subarray(8, 20);
    const v4 = new StunWriter(StunMethod.Binding, StunClass.Success, txid)
      .addXorAddress(Attr.XorMappedAddress, { ip: '192.0.2.1', port: 32853 })
      .build({ fingerprint: false });
    expect(v4.subarray(20).toString('hex')).toBe('002000080001a147e112a643');
    const v6 = new StunWriter(StunMethod.Binding, StunClass.Success, txid)
      .addXorAddress(Attr.XorMappedAddress, {
        ip: '2001:db8:1234:5678:11:2233:4455:6677',
        port: 32853,
      })
      .build({ fingerprint: false });
    expect(v6.subarray(24)).toEqual(IPV6_XOR_VALUE);
    expect(decodeXorAddress(IPV6_XOR_VALUE, txid)).toEqual({
      ip: '2001:db8:1234:5678:11:2233:4455:6677',
      port: 32853,
    });
  });

  it('rebuilds the RFC 5769 sample request byte for byte, MESSAGE-INTEGRITY and FINGERPRINT included', () => {
    const txid = SAMPLE_REQUEST.subarray(8, 20);
    const built = new StunWriter(StunMethod.Binding, StunClass.Request, txid, 0x20)
      .add(Attr.Software, 'STUN test client')
      .add(Attr.Priority, hex('6e0001ff'))
      .add(Attr.IceControlled, hex('932ff9b151263b36'))
      .add(Attr.Username, 'evtj:h6vY')
      .build({ key: PASSWORD, kind: 'sha1' });
    expect(built.toString('hex')).toBe(SAMPLE_REQUEST.toString('hex'));
  });

  it('writes and verifies MESSAGE-INTEGRITY-SHA256', () => {
    const key = Buffer.from('a key');
    const built = new StunWriter(StunMethod.Allocate, StunClass.Request, Buffer.alloc(12, 7))
      .add(Attr.Username, 'alice')
      .build({ key, kind: 'sha256' });
    const msg = parseStunMessage(built);
    if (!msg) throw new Error('did not parse');
    expect(getAttr(msg, Attr.MessageIntegritySha256)?.length).toBe(32);
    expect(checkIntegrity(msg, key)).toBe(true);
    expect(checkIntegrity(msg, Buffer.from('another key'))).toBe(false);
  });

  it('detects a flipped bit through FINGERPRINT and MESSAGE-INTEGRITY', () => {
    const tampered = Buffer.from(SAMPLE_REQUEST);
    tampered[70] = (tampered[70] ?? 0) ^ 0x01; // inside USERNAME
    const msg = parseStunMessage(tampered);
    if (!msg) throw new Error('did not parse');
    expect(checkFingerprint(msg)).toBe('bad');
    expect(checkIntegrity(msg, PASSWORD)).toBe(false);
  });

  it('refuses truncated, overlong and misaligned messages without throwing', () => {
    expect(parseStunMessage(SAMPLE_REQUEST.subarray(0, 19))).toBeUndefined();
    expect(parseStunMessage(SAMPLE_REQUEST.subarray(0, 60))).toBeUndefined();
    const badLength = Buffer.from(SAMPLE_REQUEST);
    badLength.writeUInt16BE(0x57, 2);
    expect(parseStunMessage(badLength)).toBeUndefined();
    const attrOverrun = Buffer.from(SAMPLE_REQUEST);
    attrOverrun.writeUInt16BE(0xfff0, 22); // SOFTWARE claims more than the message holds
    expect(parseStunMessage(attrOverrun)).toBeUndefined();
    const noCookie = Buffer.from(SAMPLE_REQUEST);
    noCookie[4] = 0;
    expect(parseStunMessage(noCookie)).toBeUndefined();
  });
});

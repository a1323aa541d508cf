import { describe, expect, it } from 'vitest';
import { decodeClientFrame, decodeServerFrame } from './codec.ts';
import { LIMITS } from './limits.ts';

const b64 = (n: number) => 'A'.repeat(n);
const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};
const client = (frame: object) => () => decodeClientFrame(JSON.stringify(frame));

describe('MLS delivery-service frames', () => {
  it('[P-DS1] a commit with a Welcome decodes; a negative epoch or an empty recipient list does not', () => {
    const commit = { t: 'commit', rid: 1, room: 'r', epoch: 0, cmid: 'commit-01', commit: 'AAAA' };
    const welcome = { to: ['B'.repeat(43)], data: 'AAAA' };
    expect(decodeClientFrame(JSON.stringify({ ...commit, welcome }))).toMatchObject({ welcome });
    expect(code(client({ ...commit, epoch: -1 }))).toBe('BAD_FRAME');
    expect(code(client({ ...commit, welcome: { ...welcome, to: [] } }))).toBe('BAD_FRAME');
  });

  it('[P-MEM1] a commit declares 1 to 100 removed client IDs; other shapes are BAD_FRAME', () => {
    const commit = { t: 'commit', rid: 1, room: 'r', epoch: 1, cmid: 'commit-01', commit: 'AAAA' };
    const removes = Array.from({ length: LIMITS.maxRemovesPerCommit }, () => 'C'.repeat(43));
    expect(decodeClientFrame(JSON.stringify({ ...commit, removes }))).toMatchObject({ removes });
    expect(code(client({ ...commit, removes: [...removes, 'D'.repeat(43)] }))).toBe('BAD_FRAME');
    expect(code(client({ ...commit, removes: [] }))).toBe('BAD_FRAME');
    expect(code(client({ ...commit, removes: ['not a client id'] }))).toBe('BAD_FRAME');
  });

  it('[P-MEM4] an eviction is an error frame naming the room, with no rid', () => {
    const frame = { t: 'error', code: 'NOT_MEMBER', message: 'removed', room: 'r' };
    expect(decodeServerFrame(JSON.stringify(frame))).toEqual(frame);
  });

  it('[P-DS2] an over-long KeyPackage is PAYLOAD_TOO_LARGE, too many in a frame is BAD_FRAME', () => {
    const max = Math.ceil((LIMITS.maxKeyPackageBytes * 4) / 3);
    expect(code(client({ t: 'kp.put', rid: 1, keyPackages: [b64(max)] }))).toBe('ok');
    expect(code(client({ t: 'kp.put', rid: 1, keyPackages: [b64(max + 1)] }))).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    const many = Array.from({ length: LIMITS.maxKeyPackagesPerFrame + 1 }, () => 'AAAA');
    expect(code(client({ t: 'kp.put', rid: 1, keyPackages: many }))).toBe('BAD_FRAME');
  });

  it('[P-DS1] older frames stay valid: subscribed without epoch, msg without kind', () => {
    const subscribed = { t: 'subscribed', rid: 1, room: 'r', head: 0, members: [] };
    expect(decodeServerFrame(JSON.stringify(subscribed))).toEqual(subscribed);
    const msg = {
      t: 'msg',
      room: 'r',
      seq: 1,
      from: 'A'.repeat(43),
      cmid: 'cmid-001',
      ts: 1,
      payload: 'AA',
    };
    expect(decodeServerFrame(JSON.stringify(msg))).toEqual(msg);
    expect(code(() => decodeServerFrame(JSON.stringify({ ...msg, kind: 'other' })))).toBe(
      'BAD_FRAME',
    );
  });
});

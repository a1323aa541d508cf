import { createIdentity, encodeEnvelope, sealEnvelope } from '@yam/crypto';
import { describe, expect, it } from 'vitest';
import { decodeOpened, encodeOpened } from './opened-message.ts';

describe('opened-message cache form', () => {
  it('round-trips a body, an empty body and every problem', () => {
    expect(decodeOpened(encodeOpened({ body: Uint8Array.of(1, 2) }))).toEqual({
      body: Uint8Array.of(1, 2),
    });
    expect(decodeOpened(encodeOpened({ body: new Uint8Array(0) }))).toEqual({
      body: new Uint8Array(0),
    });
    for (const problem of ['before-join', 'unreadable', 'not-member', 'erased'] as const) {
      expect(decodeOpened(encodeOpened({ problem }))).toEqual({ problem });
    }
  });

  it('keeps no trace of an erased message: one status byte, no body, no envelope', () => {
    const bytes = encodeOpened({ problem: 'erased' });
    expect(bytes).toEqual(Uint8Array.of(5));
    expect(decodeOpened(bytes)).toEqual({ problem: 'erased' });
  });

  it('reads an unknown status byte as unreadable, never as a body', () => {
    expect(decodeOpened(Uint8Array.of(9, 65))).toEqual({ problem: 'unreadable' });
    expect(decodeOpened(new Uint8Array(0))).toEqual({ problem: 'unreadable' });
  });

  it('[P-SIG6] keeps the signed envelope with the body, for forwarding later', () => {
    const body = Uint8Array.of(7, 8, 9);
    const envelope = encodeEnvelope(
      sealEnvelope(createIdentity(), { room: 'room-1', messageId: 'm1', body }),
    );
    expect(decodeOpened(encodeOpened({ body, envelope }))).toEqual({ body, envelope });
    // A cut envelope is not a body.
    const cut = encodeOpened({ body, envelope }).slice(0, -1);
    expect(decodeOpened(cut)).toEqual({ problem: 'unreadable' });
  });
});

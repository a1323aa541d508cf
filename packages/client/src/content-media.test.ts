import { describe, expect, it } from 'vitest';
import { decodeContent, encodeContent, type StickerContent, type VoiceContent } from './content.ts';

const HASH = 'ke-MO-LLSjMXazFIDNbCtyCqMBRjYYUxydBRTItso88';
const raw = (value: object) => new TextEncoder().encode(JSON.stringify({ v: 1, ...value }));

describe('sticker content', () => {
  const sticker: StickerContent = {
    type: 'sticker',
    hash: HASH,
    mime: 'image/gif',
    label: 'party popper',
    width: 128,
    height: 128,
    animated: true,
    name: 'Alice',
    sentAt: 1,
  };

  it('round-trips a sticker named by its hash', () => {
    expect(decodeContent(encodeContent(sticker))).toEqual(sticker);
  });

  it('refuses a sticker whose hash is not a content hash (no paths or URLs)', () => {
    expect(decodeContent(raw({ ...sticker, hash: '../../etc/passwd' }))).toBeUndefined();
    expect(decodeContent(raw({ ...sticker, hash: 'https://evil.example/x.gif' }))).toBeUndefined();
  });

  it('refuses a type the library never serves, an empty or long label, and huge sizes', () => {
    expect(decodeContent(raw({ ...sticker, mime: 'text/html' }))).toBeUndefined();
    expect(decodeContent(raw({ ...sticker, label: '' }))).toBeUndefined();
    expect(decodeContent(raw({ ...sticker, label: 'x'.repeat(65) }))).toBeUndefined();
    expect(decodeContent(raw({ ...sticker, width: 100_000 }))).toBeUndefined();
    expect(decodeContent(raw({ ...sticker, animated: 'yes' }))).toBeUndefined();
  });
});

describe('voice content', () => {
  const voice: VoiceContent = {
    type: 'voice',
    hash: HASH,
    key: HASH,
    size: 12_000,
    mime: 'audio/webm',
    durationMs: 3_200,
    waveform: [0, 4, 31, 12],
    sentAt: 2,
  };

  it('round-trips a voice message reference', () => {
    expect(decodeContent(encodeContent(voice))).toEqual(voice);
  });

  it('refuses waveforms that are too long or out of range, and non-audio types', () => {
    expect(decodeContent(raw({ ...voice, waveform: new Array(65).fill(1) }))).toBeUndefined();
    expect(decodeContent(raw({ ...voice, waveform: [32] }))).toBeUndefined();
    expect(decodeContent(raw({ ...voice, waveform: [-1] }))).toBeUndefined();
    expect(decodeContent(raw({ ...voice, waveform: [1.5] }))).toBeUndefined();
    expect(decodeContent(raw({ ...voice, mime: 'video/webm' }))).toBeUndefined();
    expect(decodeContent(raw({ ...voice, size: 0 }))).toBeUndefined();
    expect(decodeContent(raw({ ...voice, durationMs: -5 }))).toBeUndefined();
  });

  it('refuses a voice message without a key (nobody could decrypt it)', () => {
    const { key: _key, ...keyless } = voice;
    expect(decodeContent(raw(keyless))).toBeUndefined();
  });
});

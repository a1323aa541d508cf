import { encodeContent, type OpenedMessage } from '@yam/client';
import { describe, expect, it } from 'vitest';
import { messageLine } from '../src/commands/listen.ts';

const base = {
  room: 'room-1',
  seq: 4,
  from: 'A'.repeat(43),
  cmid: 'cmid-0001',
  ts: 1_700_000_000_000,
} as unknown as OpenedMessage;

describe('yam listen output', () => {
  it('prints a text message as one JSON line with its text and name', () => {
    const body = encodeContent({ type: 'text', text: 'hi', name: 'Ana', sentAt: 1 });
    expect(JSON.parse(messageLine({ ...base, body }))).toEqual({
      room: 'room-1',
      seq: 4,
      from: 'A'.repeat(43),
      ts: 1_700_000_000_000,
      name: 'Ana',
      text: 'hi',
    });
  });

  it('prints an image message with its caption as text and what the image is', () => {
    const body = encodeContent({
      type: 'image',
      hash: 'h'.repeat(43),
      key: 'k'.repeat(43),
      size: 1234,
      mime: 'image/png',
      width: 10,
      height: 20,
      caption: 'look',
      sentAt: 1,
    });
    const line = JSON.parse(messageLine({ ...base, body }));
    expect(line.text).toBe('look');
    expect(line.image).toEqual({ hash: 'h'.repeat(43), size: 1234, mime: 'image/png' });
  });

  it('says why a message cannot be read instead of printing text', () => {
    const line = JSON.parse(messageLine({ ...base, problem: 'before-join' } as OpenedMessage));
    expect(line).toMatchObject({ text: null, unreadable: 'before-join' });
  });

  it('prints edits, deletes, thread replies and mentions with what they point at', () => {
    const B = 'B'.repeat(43);
    const edit = encodeContent({
      type: 'edit',
      to: 'cmid-0001',
      text: 'fixed',
      mentions: [B],
      sentAt: 1,
    });
    expect(JSON.parse(messageLine({ ...base, body: edit }))).toMatchObject({
      text: 'fixed',
      edit: { to: 'cmid-0001' },
      mentions: [B],
    });
    const del = encodeContent({ type: 'delete', to: 'cmid-0001', author: B, sentAt: 1 });
    expect(JSON.parse(messageLine({ ...base, body: del }))).toMatchObject({
      text: null,
      delete: { to: 'cmid-0001', author: B },
    });
    const reply = encodeContent({ type: 'text', text: 'yes', thread: 'cmid-0001', sentAt: 1 });
    expect(JSON.parse(messageLine({ ...base, body: reply }))).toMatchObject({
      thread: 'cmid-0001',
    });
  });
});

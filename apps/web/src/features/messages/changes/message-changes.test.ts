import { describe, expect, it } from 'vitest';
import type { RoomRoles } from '../../../session/room-ports.ts';
import type { TimelineItem } from '../timeline-item.ts';
import { applyChanges } from './message-changes.ts';

let seq = 0;
const message = (from: string, cmid: string, text = 'hi'): TimelineItem => ({
  key: `${from}:${cmid}`,
  cmid,
  seq: ++seq,
  from,
  own: false,
  name: from,
  text,
  ts: 1,
  status: 'received',
});
const edit = (from: string, to: string, text: string): TimelineItem => ({
  ...message(from, `e-${++seq}`, ''),
  edit: { to, text },
});
const del = (from: string, to: string, author: string): TimelineItem => ({
  ...message(from, `d-${++seq}`, ''),
  deletion: { to, author },
});
const roles: RoomRoles = { roles: { owner1: 'owner', admin1: 'admin' }, membersMayRemove: false };

describe('edits', () => {
  it('shows the latest edit by the author and marks it edited; edits are no bubbles', () => {
    const shown = applyChanges(
      [message('ann', 'm1'), edit('ann', 'm1', 'one'), edit('ann', 'm1', 'two')],
      roles,
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ text: 'two', edited: true });
  });

  it("ignores an edit of someone else's message", () => {
    const shown = applyChanges([message('ann', 'm1'), edit('mallory', 'm1', 'pwned')], roles);
    expect(shown).toEqual([expect.objectContaining({ text: 'hi' })]);
    expect(shown[0]!.edited).toBeUndefined();
  });

  it('applies an edit that arrived before its original (history order)', () => {
    const e = edit('ann', 'm1', 'later');
    const shown = applyChanges([e, message('ann', 'm1')], roles);
    expect(shown).toEqual([expect.objectContaining({ text: 'later', edited: true })]);
  });

  it('the edit with the highest seq wins, whatever order they are listed in', () => {
    const first = edit('ann', 'm1', 'first');
    const second = edit('ann', 'm1', 'second');
    const shown = applyChanges([message('ann', 'm1'), second, first], roles);
    expect(shown[0]!.text).toBe('second');
  });

  it('an edit of an unknown message changes nothing', () => {
    expect(applyChanges([message('ann', 'm1'), edit('ann', 'nope', 'x')], roles)).toEqual([
      expect.objectContaining({ text: 'hi' }),
    ]);
  });
});

describe('deletes', () => {
  it('the author deletes their own message: a tombstone without text', () => {
    const original: TimelineItem = {
      ...message('ann', 'm1', 'secret'),
      replyTo: { cmid: 'x', author: 'bob', excerpt: 'quoted secret' },
      mentions: ['bob'],
    };
    const [shown] = applyChanges([original, del('ann', 'm1', 'ann')], roles);
    expect(shown).toMatchObject({ text: '', deleted: { by: 'ann' } });
    expect(shown!.replyTo).toBeUndefined();
    expect(shown!.mentions).toBeUndefined();
    expect(JSON.stringify(shown)).not.toContain('secret');
  });

  it("a plain member's delete of someone else's message is ignored", () => {
    const shown = applyChanges([message('ann', 'm1'), del('mallory', 'm1', 'ann')], roles);
    expect(shown[0]!.deleted).toBeUndefined();
    expect(shown[0]!.text).toBe('hi');
  });

  it("a stranger cannot delete by naming the author falsely: 'author' must match the target", () => {
    const shown = applyChanges([message('ann', 'm1'), del('mallory', 'm1', 'mallory')], roles);
    expect(shown[0]!.deleted).toBeUndefined();
  });

  it("an admin or the owner removes a member's message (moderation)", () => {
    const byAdmin = applyChanges([message('ann', 'm1'), del('admin1', 'm1', 'ann')], roles);
    expect(byAdmin[0]!.deleted).toEqual({ by: 'admin1', name: 'admin1' });
    const byOwner = applyChanges([message('admin1', 'm2'), del('owner1', 'm2', 'admin1')], roles);
    expect(byOwner[0]!.deleted?.by).toBe('owner1');
  });

  it("an admin cannot remove the owner's message", () => {
    const shown = applyChanges([message('owner1', 'm1'), del('admin1', 'm1', 'owner1')], roles);
    expect(shown[0]!.deleted).toBeUndefined();
  });

  it('in a room without roles only the author deletes', () => {
    const shown = applyChanges([message('ann', 'm1'), del('bob', 'm1', 'ann')], undefined);
    expect(shown[0]!.deleted).toBeUndefined();
  });

  it('a delete wins over any edit, before or after it, and works before its original', () => {
    const d = del('ann', 'm1', 'ann');
    const shown = applyChanges([d, message('ann', 'm1'), edit('ann', 'm1', 'again')], roles);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ text: '', deleted: { by: 'ann' } });
    expect(shown[0]!.edited).toBeUndefined();
  });

  it('tombstones an unreadable message too (its text was already forgotten)', () => {
    const gone: TimelineItem = { ...message('ann', 'm1', 'Message deleted'), unreadable: true };
    const [shown] = applyChanges([gone, del('ann', 'm1', 'ann')], roles);
    expect(shown!.deleted).toBeDefined();
  });
});

import { describe, expect, it } from 'vitest';
import {
  attentionTitle,
  fileOfferText,
  mentions,
  notificationText,
  shouldAlert,
} from './alert-rules.ts';

describe('notification rules', () => {
  it('"Notify me" levels: all, mentions only (DMs count), nothing', () => {
    expect(shouldAlert({ level: 'all', dm: false, mentioned: false })).toBe(true);
    expect(shouldAlert({ level: 'mentions', dm: false, mentioned: false })).toBe(false);
    expect(shouldAlert({ level: 'mentions', dm: false, mentioned: true })).toBe(true);
    expect(shouldAlert({ level: 'mentions', dm: true, mentioned: false })).toBe(true);
    expect(shouldAlert({ level: 'nothing', dm: true, mentioned: true })).toBe(false);
  });

  it('finds @mentions by whole name, any case, not inside other words', () => {
    expect(mentions('hi @Alice, lunch?', 'Alice')).toBe(true);
    expect(mentions('@alice', 'Alice')).toBe(true);
    expect(mentions('hi @Alice Smith', 'Alice Smith')).toBe(true);
    expect(mentions('hi @Alicia', 'Alice')).toBe(false);
    expect(mentions('mail bob@Alice', 'Alice')).toBe(false);
    expect(mentions('Alice without at', 'Alice')).toBe(false);
    expect(mentions('@a.b', 'a.b')).toBe(true);
    expect(mentions('@axb', 'a.b')).toBe(false);
  });

  it('puts the unread count in the tab title', () => {
    expect(attentionTitle(3, 'Weekend plans')).toBe('(3) Weekend plans · Yam');
    expect(attentionTitle(0, 'Weekend plans')).toBe('Weekend plans · Yam');
    expect(attentionTitle(2, undefined)).toBe('(2) Yam');
    expect(attentionTitle(120, 'X')).toBe('(99+) X · Yam');
  });

  it('hides the text when asked, or when there is none', () => {
    expect(notificationText('Bob', 'Weekend', 'hi', false)).toEqual({
      title: 'Bob in Weekend',
      body: 'hi',
    });
    expect(notificationText('Bob', 'Weekend', 'hi', true).body).toBe('New message in Weekend');
    expect(notificationText('Bob', 'Weekend', undefined, false).body).toBe(
      'New message in Weekend',
    );
  });

  it('says who offers which file, or only that one waits when content is hidden', () => {
    const one = [{ name: 'report.pdf' }];
    expect(fileOfferText('Alice', 'Weekend', one, false)).toEqual({
      title: 'Weekend',
      body: 'Alice wants to send you report.pdf',
    });
    expect(fileOfferText('Alice', 'Weekend', [...one, { name: 'b.png' }], false).body).toBe(
      'Alice wants to send you 2 files',
    );
    const hidden = fileOfferText('Alice', 'Weekend', one, true);
    expect(hidden.body).toBe('Someone wants to send you a file in Weekend');
    expect(JSON.stringify(hidden)).not.toContain('report');
  });
});

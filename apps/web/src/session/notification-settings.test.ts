import { describe, expect, it } from 'vitest';
import { NotificationSettings } from './notification-settings.ts';
import type { Settings } from './own-profile.ts';

function memorySettings(): Settings & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    read: (key) => values.get(key),
    write: (key, value) => (value === undefined ? values.delete(key) : values.set(key, value)),
  };
}

describe('NotificationSettings', () => {
  it('defaults: sound on, content shown, every room "All messages"', () => {
    const n = new NotificationSettings(memorySettings());
    expect(n.sound.value).toBe(true);
    expect(n.hideContent.value).toBe(false);
    expect(n.levelOf('room-a')).toBe('all');
  });

  it('keeps choices on the device across instances', () => {
    const settings = memorySettings();
    const first = new NotificationSettings(settings);
    first.setSound(false);
    first.setHideContent(true);
    first.setLevel('room-a', 'mentions');
    first.setLevel('room-b', 'nothing');
    const again = new NotificationSettings(settings);
    expect(again.sound.value).toBe(false);
    expect(again.hideContent.value).toBe(true);
    expect(again.levelOf('room-a')).toBe('mentions');
    expect(again.levelOf('room-b')).toBe('nothing');
    // Back to the default stores nothing.
    again.setLevel('room-a', 'all');
    expect([...settings.values.keys()].some((k) => k.endsWith('room-a'))).toBe(false);
  });

  it('reads an unknown stored level as "All messages"', () => {
    const settings = memorySettings();
    settings.write('yam.notify:room-a', 'everything!');
    expect(new NotificationSettings(settings).levelOf('room-a')).toBe('all');
  });
});

import { describe, expect, it } from 'vitest';
import { defaultDisplayName } from './display-name.ts';
import { OwnProfile } from './own-profile.ts';
import { memorySettings } from './testing/fake-server.ts';

describe('OwnProfile: the first-run name', () => {
  it('is not named until a name is saved; the name survives a restart', () => {
    const settings = memorySettings();
    const own = new OwnProfile('client-1', settings);
    expect(own.named.value).toBe(false);
    expect(own.displayName.value).toBe(defaultDisplayName('client-1'));
    own.saveDisplayName('  Bob  ');
    expect(own.named.value).toBe(true);
    expect(own.displayName.value).toBe('Bob');
    const again = new OwnProfile('client-1', settings);
    expect(again.named.value).toBe(true);
    expect(again.displayName.value).toBe('Bob');
  });

  it('a blank name counts as none: the prompt asks again', () => {
    const own = new OwnProfile('client-1', memorySettings());
    own.saveDisplayName('Bob');
    own.saveDisplayName('   ');
    expect(own.named.value).toBe(false);
    expect(own.displayName.value).toBe(defaultDisplayName('client-1'));
  });
});

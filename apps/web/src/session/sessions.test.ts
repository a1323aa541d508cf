import { describe, expect, it } from 'vitest';
import { Sessions } from './sessions.ts';
import { FakeServer } from './testing/fake-server.ts';

describe('Sessions', () => {
  it('opens one session per origin, whatever the path', () => {
    const opened: string[] = [];
    const sessions = new Sessions((server) => {
      opened.push(server);
      return new FakeServer(server);
    });
    const a = sessions.for('https://a.example/');
    expect(sessions.for('https://a.example/yam/')).toBe(a);
    expect(sessions.for('https://b.example/')).not.toBe(a);
    expect(opened).toEqual(['https://a.example/', 'https://b.example/']);
    expect(sessions.existing('https://a.example/other/')).toBe(a);
    expect(sessions.existing('https://c.example/')).toBeUndefined();
  });

  it('closes the sessions no listed room uses any more, and only those', () => {
    const sessions = new Sessions((server) => new FakeServer(server));
    const a = sessions.for('https://a.example/');
    const b = sessions.for('https://b.example/');
    sessions.closeExcept(['https://a.example/x/']);
    expect(a.closed).toBe(false);
    expect(b.closed).toBe(true);
    expect(sessions.existing('https://b.example/')).toBeUndefined();
    expect(sessions.size).toBe(1);
    // Needed again: a fresh session.
    expect(sessions.for('https://b.example/')).not.toBe(b);
  });
});

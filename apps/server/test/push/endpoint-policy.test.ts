import { describe, expect, it } from 'vitest';
import { allowedEndpoint, PUSH_SERVICE_HOSTS } from '../../src/push/endpoint-policy.ts';

describe('[P-PUSH2] push endpoints only on push services', () => {
  const ok = (url: string) => allowedEndpoint(url, PUSH_SERVICE_HOSTS);

  it('accepts the browsers’ push services and their subdomains', () => {
    expect(ok('https://fcm.googleapis.com/fcm/send/abc')).toBe(true);
    expect(ok('https://updates.push.services.mozilla.com/wpush/v2/abc')).toBe(true);
    expect(ok('https://web.push.apple.com/QGx')).toBe(true);
    expect(ok('https://db5p.notify.windows.com/w/?token=x')).toBe(true);
  });

  it('refuses anything else a stranger could aim the server at', () => {
    for (const url of [
      'http://fcm.googleapis.com/fcm/send/abc', // not https
      'https://fcm.googleapis.com.evil.example/x', // suffix trick
      'https://evilfcm.googleapis.com.example/x',
      'https://xfcm.googleapis.com/x', // a longer name ending in the host
      'https://user:pw@fcm.googleapis.com/x', // credentials
      'https://127.0.0.1/x',
      'https://localhost/x',
      'https://10.0.0.1/x',
      'not a url',
    ]) {
      expect(ok(url), url).toBe(false);
    }
  });
});

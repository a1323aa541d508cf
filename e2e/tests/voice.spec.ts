import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openRoom, test } from '../fixtures/yam-test.ts';
import config from '../playwright.config.ts';

const SHOTS = '/tmp/shots-stickers-ui/';

/** Serious and critical axe findings, as "rule: target" lines (empty when clean). */
async function axeFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** 3 s of a 440 Hz tone whose loudness rises and falls (48 kHz, 16-bit mono WAV). */
function toneWav(): Buffer {
  const rate = 48_000;
  const samples = rate * 3;
  const out = Buffer.alloc(44 + samples * 2);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const envelope = 0.15 + 0.8 * Math.abs(Math.sin((Math.PI * i) / rate));
    const v = Math.sin((2 * Math.PI * 440 * i) / rate) * envelope;
    out.writeInt16LE(Math.round(v * 32_000), 44 + i * 2);
  }
  return out;
}

const WAV = join(tmpdir(), `yam-e2e-voice-${process.pid}.wav`);
writeFileSync(WAV, toneWav());

test.use({
  launchOptions: {
    ...config.use?.launchOptions,
    args: [
      ...(config.use?.launchOptions?.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-audio-capture=${WAV}`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
});

async function record(page: Page, untilSeconds: number) {
  await page.context().grantPermissions(['microphone']);
  await page.getByRole('button', { name: 'Record a voice message' }).click();
  const recorder = page.getByRole('region', { name: 'Recording a voice message' });
  await expect(recorder.getByRole('status')).toHaveText('Recording');
  await expect(recorder.getByTitle('Duration')).toHaveText(`0:0${untilSeconds}`, {
    timeout: 20_000,
  });
  return recorder;
}

function voiceMessage(page: Page) {
  return page.getByRole('article', { name: /Voice message/ });
}

test('a voice message recorded by A is played back by B, with a waveform and a speed switch', async ({
  yam,
  newDevice,
}) => {
  const a = await newDevice();
  const b = await newDevice();
  await openRoom(a, yam, 'voice-room');
  await openRoom(b, yam, 'voice-room');

  // Cancel drops the recording: nothing is sent.
  let recorder = await record(a, 1);
  await recorder.getByRole('button', { name: 'Cancel' }).click();
  await expect(recorder).toBeHidden();

  recorder = await record(a, 3);
  await expect
    .poll(() =>
      recorder
        .getByRole('meter', { name: 'Microphone level' })
        .evaluate((m: HTMLMeterElement) => m.value),
    )
    .toBeGreaterThan(0.05);
  await a.screenshot({ path: `${SHOTS}recording-1280.png` });
  expect(await axeFindings(a), 'recording').toEqual([]);
  await recorder.getByRole('button', { name: 'Send' }).click();
  await expect(recorder).toBeHidden();

  const atB = voiceMessage(b);
  const play = atB.getByRole('button', { name: 'Play voice message' });
  await expect(play).toBeEnabled({ timeout: 30_000 });
  // A waveform of up to 64 bars with a shape (not all equal), and the duration.
  const bars = atB.locator('.voice-wave .bar');
  expect(await bars.count()).toBeGreaterThan(16);
  expect(await bars.count()).toBeLessThanOrEqual(64);
  const heights = await bars.evaluateAll((els) => els.map((e) => (e as HTMLElement).style.height));
  expect(new Set(heights).size).toBeGreaterThan(2);
  await expect(atB.locator('.voice-time')).toHaveText(/^0:\d\d$/);
  expect(
    Number(await atB.locator('.voice-message').getAttribute('data-duration')),
  ).toBeGreaterThanOrEqual(3_000);

  // The size for the note: bytes of Opus per minute of speech.
  const audio = atB.locator('audio');
  const message = atB.locator('.voice-message');
  const bytes = Number(await message.getAttribute('data-bytes'));
  const durationMs = Number(await message.getAttribute('data-duration'));
  console.log(
    `voice: ${bytes} bytes for ${durationMs} ms = ${Math.round((bytes / durationMs) * 60)} KB/min`,
  );

  await play.click();
  await expect(atB.getByRole('button', { name: 'Pause voice message' })).toBeVisible();
  await expect
    .poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime))
    .toBeGreaterThan(0.3);
  await expect(atB.locator('.voice-wave .bar.played').first()).toBeVisible();
  await b.screenshot({ path: `${SHOTS}voice-message-1280.png` });
  expect(await axeFindings(b), 'voice message').toEqual([]);

  const speed = atB.getByRole('button', { name: /Playback speed/ });
  await expect(speed).toHaveText('1×');
  await speed.click();
  await expect(speed).toHaveText('1.5×');
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.playbackRate)).toBe(1.5);
  await speed.click();
  await expect(speed).toHaveText('2×');
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.playbackRate)).toBe(2);
  // It plays to its end (ended fires) and is ready to play again.
  await expect(atB.getByRole('button', { name: 'Play voice message' })).toBeVisible({
    timeout: 15_000,
  });
  expect(await audio.evaluate((el: HTMLAudioElement) => el.ended)).toBe(true);
  await speed.click();
  await expect(speed).toHaveText('1×');

  // The sender plays it from their own copy too.
  await expect(voiceMessage(a).getByRole('button', { name: 'Play voice message' })).toBeEnabled();
});

test('a refused microphone says how to allow it', async ({ yam, newDevice }) => {
  const a = await newDevice();
  await a.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await openRoom(a, yam, 'voice-denied');
  await a.getByRole('button', { name: 'Record a voice message' }).click();
  await expect(a.getByRole('alert').filter({ hasText: 'microphone' })).toHaveText(
    /Allow it for this site in your browser .*Microphone: Allow.* try again/,
  );
  await expect(a.getByRole('region', { name: 'Recording a voice message' })).toBeHidden();
});

test('recording and a voice message on a phone', async ({ yam, newDevice }) => {
  const a = await newDevice();
  const b = await newDevice();
  await a.setViewportSize({ width: 390, height: 844 });
  await b.setViewportSize({ width: 390, height: 844 });
  await openRoom(a, yam, 'voice-phone');
  await openRoom(b, yam, 'voice-phone');
  const recorder = await record(a, 2);
  await a.screenshot({ path: `${SHOTS}recording-390.png` });
  await recorder.getByRole('button', { name: 'Send' }).click();
  await expect(voiceMessage(b).getByRole('button', { name: 'Play voice message' })).toBeEnabled({
    timeout: 30_000,
  });
  await b.screenshot({ path: `${SHOTS}voice-message-390.png` });
});

test('with the sender gone, a voice message comes from the server copy (encrypted) and plays', async ({
  yam,
  newDevice,
}) => {
  const a = await newDevice();
  const b = await newDevice();
  await openRoom(a, yam, 'voice-server');
  await openRoom(b, yam, 'voice-server');
  await b.close();
  const recorder = await record(a, 2);
  await recorder.getByRole('button', { name: 'Send' }).click();
  await expect(voiceMessage(a).locator('.voice-message')).toHaveAttribute('data-source', 'cache');
  await a.close();

  const again = await b.context().newPage();
  await openRoom(again, yam, 'voice-server');
  const message = voiceMessage(again);
  await expect(message.locator('.voice-message')).toHaveAttribute('data-source', 'server', {
    timeout: 30_000,
  });
  await message.getByRole('button', { name: 'Play voice message' }).click();
  await expect
    .poll(() => message.locator('audio').evaluate((el: HTMLAudioElement) => el.currentTime))
    .toBeGreaterThan(0.2);
});

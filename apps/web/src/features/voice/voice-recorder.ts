import { signal } from '@preact/signals';
import type { VoiceMime } from '@yam/client';
import { canRecordAudio, openMicrophone } from '../../platform/microphone.ts';

/** Opus at this bitrate: speech stays clear at about 180–240 KB a minute. */
const BITS_PER_SECOND = 24_000;
/** How often the level is sampled for the meter and the waveform. */
const TICK_MS = 50;
/** Recording stops by itself at this length (a voice message, not a podcast). */
export const MAX_RECORDING_MS = 15 * 60 * 1000;

/** A finished recording: the Opus bytes and what the message says about them. */
export type Recording = {
  bytes: Uint8Array;
  mime: VoiceMime;
  durationMs: number;
  levels: number[];
};

/** Why recording could not start, in words for people (what to do next included). */
export class MicrophoneError extends Error {}

const DENIED =
  'Yam may not use your microphone. Allow it for this site in your browser (the icon left of the address, then Microphone: Allow) and try again.';
const MISSING =
  'No microphone was found. Connect one, or check that another app is not using it, and try again.';
const UNSUPPORTED =
  'This browser cannot record audio. Try a current Chrome, Edge, Firefox or Safari.';

/**
 * One recording from the microphone with MediaRecorder (Opus in WebM where the browser
 * offers it), sampling its level for the meter and the waveform while it runs.
 */
export class VoiceRecorder {
  /** The input level now, 0–1 (the meter). */
  readonly level = signal(0);
  /** Milliseconds recorded so far. */
  readonly elapsed = signal(0);
  #stream: MediaStream | undefined;
  #recorder: MediaRecorder | undefined;
  #audio: AudioContext | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #chunks: Blob[] = [];
  #levels: number[] = [];
  #started = 0;

  /** Asks for the microphone and starts recording; throws MicrophoneError with advice. */
  async start(onLimit: () => void): Promise<void> {
    if (!canRecordAudio()) {
      throw new MicrophoneError(UNSUPPORTED);
    }
    try {
      this.#stream = await openMicrophone();
    } catch (e) {
      const name = (e as DOMException).name;
      if (
        name === 'NotFoundError' ||
        name === 'OverconstrainedError' ||
        name === 'NotReadableError'
      ) {
        throw new MicrophoneError(MISSING);
      }
      throw new MicrophoneError(DENIED);
    }
    const mime = pickMime();
    this.#recorder = new MediaRecorder(this.#stream, {
      ...(mime ? { mimeType: mime } : {}),
      audioBitsPerSecond: BITS_PER_SECOND,
    });
    this.#recorder.ondataavailable = (e) => {
      if (e.data.size > 0) this.#chunks.push(e.data);
    };
    this.#audio = new AudioContext();
    const analyser = this.#audio.createAnalyser();
    analyser.fftSize = 1024;
    this.#audio.createMediaStreamSource(this.#stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    this.#started = performance.now();
    this.#recorder.start(1_000);
    this.#timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      // RMS, scaled so ordinary speech fills most of the meter.
      const level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      this.#levels.push(level);
      this.level.value = level;
      this.elapsed.value = performance.now() - this.#started;
      if (this.elapsed.value >= MAX_RECORDING_MS) onLimit();
    }, TICK_MS);
  }

  /** Stops and returns the recording. */
  async stop(): Promise<Recording> {
    const recorder = this.#recorder;
    if (!recorder) throw new Error('not recording');
    const durationMs = Math.round(performance.now() - this.#started);
    const done = new Promise<void>((resolve) => {
      recorder.onstop = () => resolve();
    });
    if (recorder.state !== 'inactive') recorder.stop();
    await done;
    const mime = voiceMime(recorder.mimeType);
    const blob = new Blob(this.#chunks, { type: mime });
    const levels = this.#levels;
    this.dispose();
    return { bytes: new Uint8Array(await blob.arrayBuffer()), mime, durationMs, levels };
  }

  /** Stops everything and drops what was recorded (Cancel, or leaving the room). */
  dispose(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#recorder && this.#recorder.state !== 'inactive') {
      this.#recorder.ondataavailable = null;
      this.#recorder.stop();
    }
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    void this.#audio?.close().catch(() => undefined);
    this.#stream = undefined;
    this.#audio = undefined;
    this.#chunks = [];
    this.#levels = [];
  }
}

/** The best Opus container this browser records. */
function pickMime(): string | undefined {
  return ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'].find((m) =>
    MediaRecorder.isTypeSupported(m),
  );
}

/** The message's audio type from what MediaRecorder says it made. */
function voiceMime(recorded: string): VoiceMime {
  if (recorded.startsWith('audio/ogg')) return 'audio/ogg';
  if (recorded.startsWith('audio/mp4')) return 'audio/mp4';
  return 'audio/webm';
}

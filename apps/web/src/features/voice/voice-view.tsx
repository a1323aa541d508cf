import type { VoiceContent } from '@yam/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDuration, nextSpeed } from './waveform.ts';
import './voice.css';

/** Gets a message's audio (cache, peers, then the server) as an object URL; the frame wires it. */
export type LoadVoice = (
  voice: VoiceContent,
  progress: (bytes: number, total: number) => void,
) => Promise<{ url: string; source: string }>;

type State =
  | { kind: 'loading'; bytes: number; total: number }
  | { kind: 'ready'; url: string; source: string }
  | { kind: 'failed'; message: string };

const UNAVAILABLE =
  'Voice message unavailable: no one online has it and the server copy expired. Ask the sender to record it again.';
const TAMPERED =
  'Voice message rejected: the copy received does not match what the sender recorded (it was altered).';

/** A voice message: play/pause, its waveform coloured as it plays, its duration and speed. */
export function VoiceView(props: { voice: VoiceContent; load: LoadVoice }) {
  const { voice } = props;
  const [state, setState] = useState<State>({ kind: 'loading', bytes: 0, total: voice.size });
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [speed, setSpeed] = useState(1);
  const audio = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    let url: string | undefined;
    let live = true;
    props
      .load(voice, (bytes, total) => live && setState({ kind: 'loading', bytes, total }))
      .then(
        (loaded) => {
          url = loaded.url;
          if (live) setState({ kind: 'ready', ...loaded });
          else URL.revokeObjectURL(loaded.url);
        },
        (e: Error) =>
          live &&
          setState({ kind: 'failed', message: /altered/.test(e.message) ? TAMPERED : UNAVAILABLE }),
      );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [voice.hash]);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed, state.kind]);

  if (state.kind === 'failed') {
    return (
      <p class="voice-error" role="alert">
        {state.message}
      </p>
    );
  }
  const ready = state.kind === 'ready';
  const duration = voice.durationMs;
  const played = duration > 0 ? Math.min(1, position / duration) : 0;
  const bars = voice.waveform.length > 0 ? voice.waveform : new Array(32).fill(2);
  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) void el.play().catch(() => setPlaying(false));
    else el.pause();
  };
  const seek = (fraction: number) => {
    const el = audio.current;
    if (!el || !ready) return;
    el.currentTime = (fraction * duration) / 1000;
    setPosition(fraction * duration);
  };
  return (
    <div
      class="voice-message"
      data-source={ready ? state.source : undefined}
      data-bytes={voice.size}
      data-duration={voice.durationMs}
    >
      <button
        type="button"
        class="voice-play"
        aria-label={playing ? 'Pause voice message' : 'Play voice message'}
        disabled={!ready}
        onClick={toggle}
      >
        {!ready ? (
          <progress
            class="voice-loading"
            max={state.total || 1}
            value={state.bytes}
            aria-label="Loading voice message"
          />
        ) : playing ? (
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M7 5h3.5v14H7zM13.5 5H17v14h-3.5z" fill="currentColor" />
          </svg>
        ) : (
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M8 5.5v13l10.5-6.5z" fill="currentColor" />
          </svg>
        )}
      </button>
      <div
        class="voice-wave"
        role="slider"
        tabIndex={ready ? 0 : -1}
        aria-label="Position"
        aria-valuemin={0}
        aria-valuemax={Math.round(duration / 1000)}
        aria-valuenow={Math.round(position / 1000)}
        aria-valuetext={`${formatDuration(position)} of ${formatDuration(duration)}`}
        onClick={(e) => {
          const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
          seek(Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)));
        }}
        onKeyDown={(e) => {
          const step = 5_000 / Math.max(duration, 1);
          if (e.key === 'ArrowRight') seek(Math.min(1, played + step));
          if (e.key === 'ArrowLeft') seek(Math.max(0, played - step));
        }}
      >
        {bars.map((level, i) => (
          <span
            key={i}
            class={i / bars.length < played ? 'bar played' : 'bar'}
            style={{ height: `${12 + (level / 31) * 88}%` }}
          />
        ))}
      </div>
      <span class="voice-time">
        {formatDuration(playing || position > 0 ? position : duration)}
      </span>
      <button
        type="button"
        class="voice-speed"
        aria-label={`Playback speed ${speed}×`}
        title="Change playback speed"
        onClick={() => {
          const next = nextSpeed(speed);
          // At once, not after the render: the next sound heard is at the new speed.
          if (audio.current) audio.current.playbackRate = next;
          setSpeed(next);
        }}
      >
        {speed}×
      </button>
      {ready && (
        // biome-ignore lint/a11y/useMediaCaption: a voice message has no captions to offer.
        <audio
          ref={audio}
          src={state.url}
          preload="auto"
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          onEnded={() => {
            setPlaying(false);
            setPosition(0);
          }}
          onTimeUpdate={(e) =>
            setPosition((e.currentTarget as HTMLAudioElement).currentTime * 1000)
          }
        />
      )}
    </div>
  );
}

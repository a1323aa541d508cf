import { useEffect, useRef, useState } from 'preact/hooks';
import { MicrophoneError, type Recording, VoiceRecorder } from './voice-recorder.ts';
import { formatDuration } from './waveform.ts';
import './voice.css';

type Phase = 'idle' | 'starting' | 'recording' | 'sending';

/**
 * The mic button ("Record a voice message"): a click starts recording; while it runs a
 * bar above the composer shows the level and the duration with Cancel and Send.
 */
export function VoiceButton(props: {
  disabled?: boolean;
  onSend(recording: Recording): Promise<void>;
}) {
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | undefined>(undefined);
  const recorder = useRef<VoiceRecorder | undefined>(undefined);
  const sendRef = useRef<() => void>(() => undefined);
  // Leaving the room while recording stops the microphone and drops the recording.
  useEffect(() => () => recorder.current?.dispose(), []);

  async function start() {
    setError(undefined);
    setPhase('starting');
    const r = new VoiceRecorder();
    recorder.current = r;
    try {
      await r.start(() => sendRef.current());
      setPhase('recording');
    } catch (e) {
      r.dispose();
      recorder.current = undefined;
      setPhase('idle');
      setError(e instanceof MicrophoneError ? e.message : 'Recording could not start. Try again.');
    }
  }

  function cancel() {
    recorder.current?.dispose();
    recorder.current = undefined;
    setPhase('idle');
  }

  async function send() {
    const r = recorder.current;
    if (!r || phase !== 'recording') return;
    setPhase('sending');
    try {
      const recording = await r.stop();
      await props.onSend(recording);
      setPhase('idle');
    } catch {
      setPhase('idle');
      setError('The voice message was not sent. Check your connection and record it again.');
    } finally {
      recorder.current = undefined;
    }
  }
  sendRef.current = () => void send();

  const r = recorder.current;
  return (
    <>
      <button
        type="button"
        class="image-button voice-button"
        aria-label="Record a voice message"
        title="Record a voice message"
        aria-pressed={phase !== 'idle'}
        disabled={props.disabled || phase !== 'idle'}
        onClick={() => void start()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path
            d="M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linecap="round"
          />
        </svg>
      </button>
      {error && (
        <p class="voice-recorder-error" role="alert">
          {error}
        </p>
      )}
      {phase !== 'idle' && (
        <section class="voice-recorder" aria-label="Recording a voice message">
          <span class="voice-recording-dot" aria-hidden="true" />
          <span role="status" class="voice-status">
            {phase === 'starting'
              ? 'Starting the microphone…'
              : phase === 'sending'
                ? 'Sending…'
                : 'Recording'}
          </span>
          <meter
            class="voice-meter"
            min={0}
            max={1}
            low={0.6}
            high={0.9}
            value={r?.level.value ?? 0}
            aria-label="Microphone level"
          />
          <span class="voice-time" title="Duration">
            {formatDuration(r?.elapsed.value ?? 0)}
          </span>
          <button type="button" class="button" onClick={cancel} disabled={phase === 'sending'}>
            Cancel
          </button>
          <button
            type="button"
            class="button primary"
            onClick={() => void send()}
            disabled={phase !== 'recording'}
          >
            Send
          </button>
        </section>
      )}
    </>
  );
}

import type { ConnectionState } from '@yam/client';
import { useEffect, useState } from 'preact/hooks';

type Props = { state: ConnectionState; retryAt: number | undefined };

/** A coloured dot and one short phrase; "Offline" says when the next try happens. */
export function ConnectionStatus(props: Props) {
  const now = useNow(props.state === 'offline' && props.retryAt !== undefined);
  return (
    <span class={`connection ${props.state}`} role="status" aria-live="polite">
      <span class="dot" aria-hidden="true" />
      {label(props.state, props.retryAt, now)}
    </span>
  );
}

function label(state: ConnectionState, retryAt: number | undefined, now: number): string {
  switch (state) {
    case 'idle':
    case 'connecting':
      return 'Connecting…';
    case 'authenticating':
      return 'Signing in…';
    case 'online':
      return 'Online';
    case 'offline': {
      if (retryAt === undefined) return 'Offline — retrying';
      const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
      return seconds > 0 ? `Offline — retrying in ${seconds} s` : 'Offline — retrying now';
    }
    case 'closed':
      return 'Disconnected';
    default:
      return state satisfies never;
  }
}

/** Ticks once a second while `active`, for the countdown. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

import type { ConnectionStatus as Status } from '@yam/client';
import { useEffect, useState } from 'preact/hooks';
import { connectionText, isCountingDown } from './connection-text.ts';

type Props = { status: Status };

/** A coloured dot and one short phrase; "Offline" counts down to the next try. */
export function ConnectionStatus(props: Props) {
  const { status } = props;
  useTicks(isCountingDown(status));
  return (
    <span class={`connection ${status.state}`} role="status" aria-live="polite">
      <span class="dot" aria-hidden="true" />
      {connectionText(status, Date.now())}
    </span>
  );
}

/** Renders again once a second while `active`, for the countdown. */
function useTicks(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
}

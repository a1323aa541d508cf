import type { ConnectionStatus } from '@yam/client';

/**
 * The header's phrase for a connection status at local time `now` (ms): while offline it
 * counts down to `retryAt`, the SDK's next reconnect attempt.
 */
export function connectionText(status: ConnectionStatus, now: number): string {
  switch (status.state) {
    case 'idle':
    case 'connecting':
      return 'Connecting…';
    case 'authenticating':
      return 'Signing in…';
    case 'online':
      return 'Online';
    case 'offline': {
      if (status.retryAt === undefined) return 'Offline — retrying';
      const seconds = retryInSeconds(status.retryAt, now);
      return seconds > 0 ? `Offline — retrying in ${seconds} s` : 'Offline — retrying now';
    }
    case 'closed':
      return 'Disconnected';
    default:
      return status.state satisfies never;
  }
}

/** Whole seconds until `retryAt`, rounded up (0 once it is due). */
export function retryInSeconds(retryAt: number, now: number): number {
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}

/** Whether the text changes with time (so the view should tick once a second). */
export function isCountingDown(status: ConnectionStatus): boolean {
  return status.state === 'offline' && status.retryAt !== undefined;
}

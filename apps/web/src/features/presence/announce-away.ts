import { effect, type ReadonlySignal } from '@preact/signals';
import type { PresenceSource } from '../../session/room-ports.ts';

/**
 * Tells a room when this device becomes away or active again [P-PRES2]. The server keeps
 * no away state, so while away it is said again to whoever comes online and after each
 * (re)subscribe. Returns the function that stops announcing.
 */
export function announceAway(
  room: PresenceSource,
  ownActivity: ReadonlySignal<'online' | 'away'>,
): () => void {
  let sent = false;
  const send = (away: boolean) => {
    sent = away;
    room.setAway(away);
  };
  const stop = effect(() => {
    const away = ownActivity.value === 'away';
    // "Active" needs saying only after an "away".
    if (away || sent) send(away);
  });
  const offs = [
    room.onPresence((p) => {
      if (p.state === 'online' && sent) send(true);
    }),
    room.onSynced(() => {
      if (sent) send(true);
    }),
  ];
  return () => {
    stop();
    for (const off of offs) off();
  };
}

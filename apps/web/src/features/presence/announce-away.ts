import { effect } from '@preact/signals';
import type { YamClient } from '@yam/client';
import type { RoomId } from '@yam/protocol';
import { ownActivity } from './own-activity.ts';

/**
 * Tells a room when this device becomes away or active again [P-PRES2]. The server keeps
 * no away state, so while away it is said again to whoever comes online and after each
 * (re)subscribe. Returns the function that stops announcing.
 */
export function announceAway(client: YamClient, room: RoomId): () => void {
  let sent = false;
  const send = (away: boolean) => {
    sent = away;
    client.setAway(room, away);
  };
  const stop = effect(() => {
    const away = ownActivity.value === 'away';
    // "Active" needs saying only after an "away".
    if (away || sent) send(away);
  });
  const offs = [
    client.on('presence', (p) => {
      if (p.room === room && p.state === 'online' && sent) send(true);
    }),
    client.on('synced', (e) => {
      if (e.room === room && sent) send(true);
    }),
  ];
  return () => {
    stop();
    for (const off of offs) off();
  };
}

import type { PeerManager, YamClient } from '@yam/client';
import type { RoomId } from '@yam/protocol';

/** What an image bubble needs to fetch: the open room's client and peer connections. */
export type ImageContext = { client: YamClient; peers: PeerManager; room: RoomId };

let current: ImageContext | undefined;

/** Set by the open room once its PeerManager exists; cleared when it closes. */
export function setImageContext(context: ImageContext | undefined): void {
  current = context;
}

export function imageContext(): ImageContext | undefined {
  return current;
}

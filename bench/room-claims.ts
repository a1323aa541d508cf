import { randomBytes } from 'node:crypto';
import { LIMITS } from '@yam/protocol';
import { BenchClient, type ClientSink } from './bench-client.ts';

const ignore: ClientSink = { onMessage() {}, onAck() {}, onError() {}, onClose() {} };

/**
 * Makes the bench's rooms exist the way an app's do: one owner connection claims each room
 * with an epoch-0 commit and adds its members through the Welcome recipients of that and
 * the following commits (at most 100 per commit), so the server's roster lets them in.
 * The commit and Welcome bytes are opaque filler: the server never parses them. [P-MEM1]
 */
export async function claimRooms(
  url: string,
  members: ReadonlyMap<string, readonly string[]>,
  timeoutMs: number,
): Promise<void> {
  const owner = new BenchClient(url, undefined, ignore, randomBytes(32).toString('base64url'));
  await owner.connect(timeoutMs);
  try {
    const perCommit = LIMITS.maxWelcomeRecipients;
    await Promise.all(
      [...members].map(async ([room, ids]) => {
        for (let epoch = 0; epoch === 0 || epoch * perCommit < ids.length; epoch++) {
          await owner.commit(room, epoch, ids.slice(epoch * perCommit, (epoch + 1) * perCommit));
        }
      }),
    );
  } finally {
    owner.close();
  }
}

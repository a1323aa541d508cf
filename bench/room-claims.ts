import { randomBytes } from 'node:crypto';
import { LIMITS } from '@yam/protocol';
import { BenchClient, type ClientSink, clientIdOf } from './bench-client.ts';

const ignore: ClientSink = { onMessage() {}, onAck() {}, onError() {}, onClose() {} };

/**
 * Makes the bench's rooms exist the way an app's do: one owner connection claims each room
 * with an epoch-0 commit and adds its members (given by their key seeds) through the
 * Welcome recipients of that and the following commits (at most 100 per commit), each
 * member having asked to join first, so the server's roster lets them in. The commit and
 * Welcome bytes are opaque filler: the server never parses them. [P-MEM1] [P-DS7]
 */
export async function claimRooms(
  url: string,
  members: ReadonlyMap<string, readonly string[]>,
  timeoutMs: number,
): Promise<void> {
  const owner = new BenchClient(url, undefined, ignore, randomBytes(32).toString('base64url'));
  await owner.connect(timeoutMs);
  const ask = async (room: string, seed: string) => {
    const joiner = new BenchClient(url, undefined, ignore, seed);
    await joiner.connect(timeoutMs);
    try {
      await joiner.requestJoin(room);
    } finally {
      joiner.close();
    }
  };
  try {
    const perCommit = LIMITS.maxWelcomeRecipients;
    await Promise.all(
      [...members].map(async ([room, seeds]) => {
        for (let epoch = 0; epoch === 0 || epoch * perCommit < seeds.length; epoch++) {
          const batch = seeds.slice(epoch * perCommit, (epoch + 1) * perCommit);
          await Promise.all(batch.map((seed) => ask(room, seed)));
          await owner.commit(room, epoch, batch.map(clientIdOf));
        }
      }),
    );
  } finally {
    owner.close();
  }
}

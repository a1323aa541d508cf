import type { DeviceIdentity } from '@yam/crypto';
import { type AuthedTestClient, b64, type Frame, TestClient } from './test-client.ts';

let next = 1;

/**
 * Files a join request of each member for the room, as a joiner's client does before a
 * member adds it: the server takes a Welcome only for a pending request. [P-DS7]
 */
export async function askToJoin(
  wsUrl: string,
  room: string,
  members: readonly (AuthedTestClient | DeviceIdentity)[],
): Promise<void> {
  for (const member of members) {
    const own = 'ws' in member;
    const client = own ? member : await TestClient.authenticated(wsUrl, member);
    const id = next++;
    const reply = await client.request({
      t: 'join.req',
      rid: 800_000 + id,
      room,
      keyPackage: b64(`kp-${id}`),
    });
    if (!own) client.ws.terminate();
    if (reply.t !== 'join.queued') throw new Error(`join request failed: ${JSON.stringify(reply)}`);
  }
}

/**
 * Makes `owner` the room's owner with an epoch-0 commit whose Welcome goes to `members`,
 * so the server's roster holds them all. The bytes are opaque to the server: no MLS here.
 * Takes seq 1 of the room's log and moves it to epoch 1. [P-MEM1]
 */
export async function claimRoom(
  owner: AuthedTestClient,
  room: string,
  members: readonly AuthedTestClient[] = [],
): Promise<Frame> {
  await askToJoin(owner.ws.url.replace(/\?.*$/, ''), room, members);
  const id = next++;
  const welcome =
    members.length > 0
      ? { welcome: { to: members.map((m) => m.ready.clientId), data: b64(`welcome-${id}`) } }
      : {};
  const ack = await owner.request({
    t: 'commit',
    rid: 900_000 + id,
    room,
    epoch: 0,
    cmid: `claim-${String(id).padStart(6, '0')}`,
    commit: b64(`claim-${id}`),
    ...welcome,
  });
  if (ack.t !== 'ack') throw new Error(`claim of ${room} failed: ${JSON.stringify(ack)}`);
  return ack;
}

const owners = new Map<string, { owner: AuthedTestClient; epoch: number }>();

/**
 * Puts `members` (test clients, or identities of SDK clients) in the room's roster, as a
 * member's client would: each asks to join, then a commit's Welcome goes to them: the first call claims the room for an owner connection of its own
 * (never subscribed, so it shows up in no presence), later calls commit the next epoch.
 * For raw-frame tests of everything but membership itself. [P-MEM1]
 */
export async function admit(
  wsUrl: string,
  room: string,
  ...members: (AuthedTestClient | DeviceIdentity)[]
): Promise<void> {
  await askToJoin(wsUrl, room, members);
  const key = `${wsUrl} ${room}`;
  let entry = owners.get(key);
  if (!entry || entry.owner.ws.readyState !== entry.owner.ws.OPEN) {
    entry = { owner: await TestClient.authenticated(wsUrl), epoch: 0 };
    owners.set(key, entry);
  }
  const id = next++;
  const ack = await entry.owner.request({
    t: 'commit',
    rid: 900_000 + id,
    room,
    epoch: entry.epoch,
    cmid: `admit-${String(id).padStart(6, '0')}`,
    commit: b64(`admit-${id}`),
    welcome: {
      to: members.map((m) => ('ws' in m ? m.ready.clientId : m.clientId)),
      data: b64(`welcome-${id}`),
    },
  });
  if (ack.t !== 'ack') throw new Error(`admitting to ${room} failed: ${JSON.stringify(ack)}`);
  entry.epoch += 1;
}

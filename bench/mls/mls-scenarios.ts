/**
 * The MLS measurements, platform-neutral (no node: imports) so Node and Chromium run the
 * very same code: create a room; add one member to a group of N-1; encrypt 1,000 messages
 * by one member and decrypt them by another; and the bare AES-128-GCM baseline.
 */
import {
  addMembers,
  createIdentity,
  createRoomGroup,
  decryptMessage,
  encryptMessage,
  joinFromWelcome,
  type MlsCryptoPath,
  mlsCryptoPath,
  processCommit,
  type RoomGroup,
  serializeGroupPart,
  serializeRoomGroup,
  serializeRoomGroupState,
  useMlsCryptoPath,
} from '@yam/crypto';
import { type AeadBaseline, aeadBaseline } from './aead-baseline.ts';
import { benchPayloads, sameBytes } from './bench-payloads.ts';
import { median, medianOf, timed } from './bench-timing.ts';
import { buildGroup, cloneGroup, type GroupFixture, newJoiner } from './mls-group-fixture.ts';

/** What to run: group sizes (after the add), messages per size, payload size, repetitions. */
export type MlsScenarioOptions = {
  readonly sizes: readonly number[];
  readonly messages: number;
  readonly payloadBytes: number;
  readonly reps: number;
  /** The MLS crypto path to measure; the platform's default (`auto`) when absent. */
  readonly path?: MlsCryptoPath;
  readonly onProgress?: (line: string) => void;
};

/** Adding one member to a group of N-1, in its three parts (medians, ms). */
export type AddTimings = {
  /** The adder's Add commit and Welcome (includes checking the KeyPackage). */
  readonly commitMs: number;
  /** The new member joining from the Welcome (includes checking the ratchet tree). */
  readonly joinMs: number;
  /** ONE existing member processing the commit; every other member pays the same. NaN at N=2. */
  readonly processMs: number;
  readonly commitBytes: number;
  readonly welcomeBytes: number;
};

/** Encrypting the messages by one member, decrypting them by another (medians, ms). */
export type MessageTimings = {
  readonly encryptMs: number;
  readonly decryptMs: number;
  readonly ciphertextBytes: number;
};

/**
 * Serialising the sender's state after a message, as a device saves it each time (medians
 * of 20, ms): the whole group (before issue 14) and the core alone (what the client writes
 * per message now; the ratchet tree and past epochs' data are rewritten only by commits).
 */
export type SaveTimings = {
  readonly wholeMs: number;
  readonly wholeBytes: number;
  readonly coreMs: number;
  readonly coreBytes: number;
};

/** Times the two ways of saving `group` (see SaveTimings). */
export async function measureSave(group: RoomGroup): Promise<SaveTimings> {
  const refs = {
    tree: serializeGroupPart(group, 'tree').ref,
    history: serializeGroupPart(group, 'history').ref,
  };
  const whole = await medianOf(20, () => timed(async () => serializeRoomGroup(group)));
  const core = await medianOf(20, () => timed(async () => serializeRoomGroupState(group, refs)));
  return {
    wholeMs: whole.ms,
    wholeBytes: whole.value.length,
    coreMs: core.ms,
    coreBytes: core.value.length,
  };
}

/** The figures for one group size. */
export type MlsSizeResult = {
  readonly members: number;
  /** Building the group of N-1 (not part of any figure; shown so slow setups are visible). */
  readonly setupMs: number;
  readonly add: AddTimings;
  readonly messages: MessageTimings;
  readonly save: SaveTimings;
};

/** Everything one platform measured. */
export type MlsBenchResult = {
  readonly platform: string;
  /** The crypto path that ran (Web Crypto or pure JS for Ed25519 and AES-GCM). */
  readonly path: MlsCryptoPath;
  readonly messages: number;
  readonly payloadBytes: number;
  readonly reps: number;
  readonly createRoomMs: number;
  readonly sizes: readonly MlsSizeResult[];
  readonly aead: AeadBaseline;
};

/** Creating a room: a fresh KeyPackage for the creator and a one-member group at epoch 0. */
export async function measureCreateRoom(reps: number): Promise<number> {
  const { ms } = await medianOf(reps, () =>
    timed(() => createRoomGroup(createIdentity(), 'bench-create')),
  );
  return ms;
}

/**
 * Adds one fresh member to the fixture's group, `reps` times, each from a copy of the same
 * state. Returns the medians, the adder's state after the last add
 * (the sender of the message scenario) and the last joiner's state (its receiver).
 */
export async function measureAdd(
  fixture: GroupFixture,
  reps: number,
): Promise<{ timings: AddTimings; sender: RoomGroup; receiver: RoomGroup }> {
  const commits: number[] = [];
  const joins: number[] = [];
  const processes: number[] = [];
  let last: { sender: RoomGroup; receiver: RoomGroup; commit: Uint8Array; welcome: Uint8Array };
  for (let i = 0; i < Math.max(1, reps); i++) {
    const joiner = await newJoiner();
    const creator = cloneGroup(fixture.creator);
    const member = fixture.member === undefined ? undefined : cloneGroup(fixture.member);
    const added = await timed(() => addMembers(creator, [joiner.pending.keyPackage]));
    const joined = await timed(() =>
      joinFromWelcome(joiner.identity, added.value.welcome, [joiner.pending]),
    );
    if (member !== undefined) {
      processes.push((await timed(() => processCommit(member, added.value.commit))).ms);
    }
    commits.push(added.ms);
    joins.push(joined.ms);
    last = {
      sender: added.value.group,
      receiver: joined.value.group,
      commit: added.value.commit,
      welcome: added.value.welcome,
    };
  }
  return {
    timings: {
      commitMs: median(commits),
      joinMs: median(joins),
      processMs: median(processes),
      commitBytes: last!.commit.length,
      welcomeBytes: last!.welcome.length,
    },
    sender: last!.sender,
    receiver: last!.receiver,
  };
}

/**
 * Encrypts every payload in order by `sender`, then decrypts them in order by `receiver`,
 * `reps` times from copies of the same two states. Returns the medians and what the
 * receiver read (in the last repetition).
 */
export async function measureMessages(
  sender: RoomGroup,
  receiver: RoomGroup,
  payloads: readonly Uint8Array[],
  reps: number,
): Promise<MessageTimings & { received: Uint8Array[] }> {
  const encrypted = await medianOf(reps, () =>
    timedFrom(sender, async (start) => {
      let group = start;
      const out: Uint8Array[] = [];
      for (const payload of payloads) {
        const sent = await encryptMessage(group, payload);
        group = sent.group;
        out.push(sent.ciphertext);
      }
      return out;
    }),
  );
  const decrypted = await medianOf(reps, () =>
    timedFrom(receiver, async (start) => {
      let group = start;
      const out: Uint8Array[] = [];
      for (const ciphertext of encrypted.value) {
        const got = await decryptMessage(group, ciphertext);
        group = got.group;
        out.push(got.plaintext);
      }
      return out;
    }),
  );
  return {
    encryptMs: encrypted.ms,
    decryptMs: decrypted.ms,
    ciphertextBytes: encrypted.value[0]?.length ?? 0,
    received: decrypted.value,
  };
}

/** Times `fn` on a fresh copy of `group` (the copy is made before the clock starts). */
function timedFrom<T>(
  group: RoomGroup,
  fn: (start: RoomGroup) => Promise<T>,
): Promise<{ value: T; ms: number }> {
  const start = cloneGroup(group);
  return timed(() => fn(start));
}

/** Runs every scenario for every size; throws if any message does not decrypt intact. */
export async function runMlsScenarios(
  options: MlsScenarioOptions,
  platform: string,
): Promise<MlsBenchResult> {
  useMlsCryptoPath(options.path ?? 'auto');
  const path = await mlsCryptoPath();
  const say = (line: string) => options.onProgress?.(`${path}: ${line}`);
  const payloads = benchPayloads(options.messages, options.payloadBytes);
  // Warm-up: the cipher suite is built once and the JIT settles; not measured.
  await scenarioForSize(2, benchPayloads(20, options.payloadBytes), 1);
  await aeadBaseline(benchPayloads(20, options.payloadBytes));
  const createRoomMs = await measureCreateRoom(Math.max(5, options.reps));
  say(`create room ${createRoomMs.toFixed(1)} ms`);
  const sizes: MlsSizeResult[] = [];
  for (const members of options.sizes) {
    const result = await scenarioForSize(members, payloads, options.reps);
    say(
      `N=${members}: add ${result.add.commitMs.toFixed(1)} ms, ` +
        `encrypt ${result.messages.encryptMs.toFixed(0)} ms, decrypt ${result.messages.decryptMs.toFixed(0)} ms`,
    );
    sizes.push(result);
  }
  const aead = await medianAead(payloads, options.reps);
  useMlsCryptoPath('auto');
  return {
    platform,
    path,
    messages: options.messages,
    payloadBytes: options.payloadBytes,
    reps: options.reps,
    createRoomMs,
    sizes,
    aead,
  };
}

async function scenarioForSize(
  members: number,
  payloads: readonly Uint8Array[],
  reps: number,
): Promise<MlsSizeResult> {
  if (members < 2) throw new RangeError('the add scenario needs a group of at least 2');
  const setup = await timed(() => buildGroup(members - 1, `bench-${members}`));
  // Adding is cheap next to 1,000 messages: more repetitions steady its median.
  const { timings, sender, receiver } = await measureAdd(setup.value, Math.max(5, reps));
  const { received, ...messages } = await measureMessages(sender, receiver, payloads, reps);
  received.forEach((plain, i) => {
    if (!sameBytes(plain, payloads[i]!)) throw new Error(`N=${members}: message ${i} changed`);
  });
  return { members, setupMs: setup.ms, add: timings, messages, save: await measureSave(sender) };
}

async function medianAead(
  payloads: readonly Uint8Array<ArrayBuffer>[],
  reps: number,
): Promise<AeadBaseline> {
  const runs: AeadBaseline[] = [];
  for (let i = 0; i < Math.max(1, reps); i++) runs.push(await aeadBaseline(payloads));
  return {
    encryptMs: median(runs.map((r) => r.encryptMs)),
    decryptMs: median(runs.map((r) => r.decryptMs)),
    ciphertextBytes: runs[0]!.ciphertextBytes,
  };
}

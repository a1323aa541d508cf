import {
  type JoinerPake,
  type PakeKeys,
  type PakeParties,
  pakeJoinerKeys,
  pakeJoinerStart,
  pakeMemberReply,
  pakeTagValid,
} from '@yam/crypto';
import { type ClientId, ErrorCode, type RoomId, YamError } from '@yam/protocol';
import type { Emitter } from '../emitter.ts';
import type { JoinRequestInfo, PakeStepInfo } from '../types.ts';
import type { YamClient } from '../yam-client.ts';
import type { SecureEvents } from './secure-events.ts';

// For logs and the CLI; apps choose their words by the error code.
const UNPROVEN_MESSAGE =
  'The answer to your password did not come from someone who knows it. Try again, or ask a member for an invite link.';

type JoinerRun = {
  parties: PakeParties;
  start: JoinerPake;
  id?: number;
  keys?: PakeKeys;
  member?: ClientId;
};
type MemberRun = { request: JoinRequestInfo; keys: PakeKeys; at: number };

/** The server drops a run nobody finished after 2 min; so does the member (then answers again). */
const RUN_TTL_MS = 2 * 60_000;

/** What the join desk does with a run's outcome. */
export type PasswordVerdicts = {
  /** Member: the requester's password was right. */
  admit(request: JoinRequestInfo): Promise<void>;
  /** Member: it was wrong (or its share was malformed). */
  refuse(request: JoinRequestInfo): Promise<void>;
  /** Joiner: the run of request `id` cannot prove the member: the join fails with `error`. */
  unproven(room: RoomId, id: number, error: YamError): void;
};

/**
 * Password joins as CPace runs (`@yam/crypto` room-pake), both sides [P-PAKE1..3].
 * Joiner: its request carries a share; on a member's share it sends its tag; the member's
 * tag (`pakeProof`) shows that member knows the password. Member: answers a request's share
 * with its own, checks the requester's tag, and only then admits; a wrong tag is reported
 * to the server (which counts it and tells the members) and the request refused.
 */
export class PasswordCheck {
  readonly #client: YamClient;
  readonly #events: Emitter<SecureEvents>;
  readonly #verdicts: PasswordVerdicts;
  readonly #joining = new Map<RoomId, JoinerRun>();
  readonly #answering = new Map<string, MemberRun>();

  constructor(client: YamClient, events: Emitter<SecureEvents>, verdicts: PasswordVerdicts) {
    this.#client = client;
    this.#events = events;
    this.#verdicts = verdicts;
  }

  /** Joiner: the share for a new join request (replacing any earlier run for the room). */
  start(parties: PakeParties): Uint8Array {
    const start = pakeJoinerStart(parties);
    this.#joining.set(parties.room as RoomId, { parties, start });
    return start.share;
  }

  /** Joiner: the server's ID for the request the share went with. */
  requested(room: RoomId, id: number): void {
    const run = this.#joining.get(room);
    if (run) run.id = id;
  }

  /** Joiner: the room's join ended (joined, refused, replaced, timed out). */
  forget(room: RoomId): void {
    this.#joining.delete(room);
  }

  /** Joiner: a member's share; answers with our tag. [P-PAKE2] */
  async onReply(step: PakeStepInfo): Promise<void> {
    const run = this.#joining.get(step.room);
    if (!run || run.id !== step.id || run.keys) return;
    const keys = pakeJoinerKeys(run.parties, run.start, step.bytes, step.from);
    if (!keys) {
      this.#unproven(step);
      return;
    }
    run.keys = keys;
    await this.#client.mls
      .pakeConfirm(step.room, step.id, keys.ta)
      .catch(() => this.#unproven(step));
  }

  /** Joiner: the member's tag: it knows the password, or the join fails. [P-PAKE2] */
  onProof(step: PakeStepInfo): void {
    const run = this.#joining.get(step.room);
    if (!run?.keys || run.id !== step.id || run.member) return;
    if (pakeTagValid(run.keys.tb, step.bytes)) run.member = step.from;
    else this.#unproven(step);
  }

  #unproven(step: PakeStepInfo): void {
    this.#verdicts.unproven(
      step.room,
      step.id,
      new YamError(ErrorCode.JoinRefused, UNPROVEN_MESSAGE),
    );
  }

  /**
   * Member: answers a password join request when this device holds the room's password key.
   * False when it does not (the request then waits for a person's Accept or Refuse).
   */
  async answer(request: JoinRequestInfo, passwordKey: Uint8Array | undefined): Promise<boolean> {
    if (!request.pake || !passwordKey) return false;
    const key = `${request.room}\n${request.id}`;
    const running = this.#answering.get(key);
    if (running && Date.now() - running.at < RUN_TTL_MS) return true;
    const parties = {
      passwordKey,
      room: request.room,
      joiner: request.from,
      keyPackage: request.keyPackage,
    };
    const answer = pakeMemberReply(parties, request.pake, this.#client.clientId);
    if (!answer) {
      await this.#verdicts.refuse(request);
      return true;
    }
    this.#answering.set(key, { request, keys: answer.keys, at: Date.now() });
    try {
      await this.#client.mls.pakeReply(request.room, request.id, answer.reply);
    } catch {
      // Another member answers it, or the room's backoff runs: not ours to settle.
      this.#answering.delete(key);
    }
    return true;
  }

  /** Member: the requester's tag. Right: our tag, then admit. Wrong: reported and refused. [P-PAKE3] */
  async onConfirm(step: PakeStepInfo): Promise<void> {
    const key = `${step.room}\n${step.id}`;
    const run = this.#answering.get(key);
    if (!run || run.request.from !== step.from) return;
    this.#answering.delete(key);
    try {
      if (pakeTagValid(run.keys.ta, step.bytes)) {
        await this.#client.mls.pakeDone(step.room, step.id, run.keys.tb);
        await this.#verdicts.admit(run.request);
      } else {
        await this.#client.mls.pakeDone(step.room, step.id);
        await this.#verdicts.refuse(run.request);
      }
    } catch (error) {
      this.#events.emit('error', { room: step.room, message: (error as Error).message });
    }
  }

  /** Member: a request was settled elsewhere; drop its run. */
  settled(room: RoomId, id: number): void {
    this.#answering.delete(`${room}\n${id}`);
  }
}

/** How often one address may be mailed. [P-MAIL3] */
export type MailLimits = {
  /** At most one mail per address and room in this window. */
  perRoomMs: number;
  /** At most this many mails per address per hour, all rooms together. */
  perAddressPerHour: number;
};

const HOUR_MS = 60 * 60_000;

/**
 * Counts mails per recipient address, not per client ID: identities are free, so anyone
 * could enter the same address on many devices or make many rooms. In memory, per
 * instance (several instances each allow the same). [P-MAIL3]
 */
export class MailLimiter {
  readonly #limits: MailLimits;
  readonly #now: () => number;
  /** `<address>\n<room>` -> when the last mail for it went. */
  readonly #lastPerRoom = new Map<string, number>();
  /** address -> when its mails of the last hour went. */
  readonly #sent = new Map<string, number[]>();

  constructor(limits: MailLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  /** True (and counted) when `address` may be mailed about `room` now. */
  take(address: string, room: string): boolean {
    const now = this.#now();
    this.#forgetOld(now);
    const key = `${address.toLowerCase()}\n${room}`;
    const last = this.#lastPerRoom.get(key);
    if (last !== undefined && now - last < this.#limits.perRoomMs) return false;
    const sent = this.#sent.get(address.toLowerCase()) ?? [];
    if (sent.length >= this.#limits.perAddressPerHour) return false;
    sent.push(now);
    this.#sent.set(address.toLowerCase(), sent);
    this.#lastPerRoom.set(key, now);
    return true;
  }

  #forgetOld(now: number): void {
    for (const [key, at] of this.#lastPerRoom) {
      if (now - at >= this.#limits.perRoomMs) this.#lastPerRoom.delete(key);
    }
    for (const [address, times] of this.#sent) {
      const recent = times.filter((at) => now - at < HOUR_MS);
      if (recent.length === 0) this.#sent.delete(address);
      else this.#sent.set(address, recent);
    }
  }
}

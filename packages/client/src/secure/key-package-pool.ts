import { createKeyPackage, type DeviceIdentity, type PendingKeyPackage } from '@yam/crypto';
import type { YamClient } from '../yam-client.ts';
import {
  decodePendingKeyPackage,
  encodePendingKeyPackage,
  keyPackageId,
} from './secret-records.ts';
import type { SecretStore } from './secret-store.ts';

/** SecretStore key prefix of last-resort KeyPackages: `used` never deletes them. */
const LAST_RESORT = 'last-resort\n';

/**
 * This device's KeyPackages: the private parts stay in the SecretStore, the public ones go
 * to the server so others can add us (DMs) without us being online. Besides the one-time
 * ones the server keeps one last-resort KeyPackage (RFC 9420 §16.8), handed out when the
 * one-time ones are gone or asked for too often; its private parts are kept for good, so
 * an add never fails for lack of keys. [P-DS2]
 */
export class KeyPackagePool {
  readonly #client: YamClient;
  readonly #identity: DeviceIdentity;
  readonly #store: SecretStore;
  readonly #target: number;
  readonly #failed: (error: unknown) => void;
  #running: Promise<void> | undefined;

  constructor(
    client: YamClient,
    identity: DeviceIdentity,
    store: SecretStore,
    options: { target: number; failed: (error: unknown) => void },
  ) {
    this.#client = client;
    this.#identity = identity;
    this.#store = store;
    this.#target = options.target;
    this.#failed = options.failed;
  }

  /** Tops the server's stock up to the target; one run at a time; failures are reported. */
  replenish(): Promise<void> {
    this.#running ??= this.#topUp()
      .catch((error) => this.#failed(error))
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  /** A new KeyPackage kept only here (a join request carries it, not the server's stock). */
  async fresh(): Promise<PendingKeyPackage> {
    const kp = await createKeyPackage(this.#identity);
    await this.#store.put('keyPackage', keyPackageId(kp.keyPackage), encodePendingKeyPackage(kp));
    return kp;
  }

  /** Every KeyPackage whose private parts we still hold. */
  async pending(): Promise<PendingKeyPackage[]> {
    const entries = await this.#store.list('keyPackage');
    return entries.flatMap((e) => decodePendingKeyPackage(e.value) ?? []);
  }

  /** Forgets a one-time KeyPackage a Welcome consumed; a last-resort one stays. */
  async used(kp: PendingKeyPackage): Promise<void> {
    await this.#store.delete('keyPackage', keyPackageId(kp.keyPackage));
  }

  async #topUp(): Promise<void> {
    const stock = await this.#client.mls.putKeyPackages([]);
    const haveLastResort =
      stock.lastResort && (await this.#store.list('keyPackage', LAST_RESORT)).length > 0;
    if (stock.count >= this.#target && haveLastResort) return;
    const upload: Uint8Array[] = [];
    // Private parts are saved before the public ones leave: a Welcome can never name a
    // KeyPackage we cannot open.
    for (let i = stock.count; i < this.#target; i++) upload.push((await this.fresh()).keyPackage);
    const lastResort = haveLastResort ? undefined : await this.#newLastResort();
    await this.#client.mls.putKeyPackages(upload, lastResort);
  }

  async #newLastResort(): Promise<Uint8Array> {
    const kp = await createKeyPackage(this.#identity);
    const key = `${LAST_RESORT}${keyPackageId(kp.keyPackage)}`;
    await this.#store.put('keyPackage', key, encodePendingKeyPackage(kp));
    return kp.keyPackage;
  }
}

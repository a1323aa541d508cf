import { createKeyPackage, type DeviceIdentity, type PendingKeyPackage } from '@yam/crypto';
import type { YamClient } from '../yam-client.ts';
import {
  decodePendingKeyPackage,
  encodePendingKeyPackage,
  keyPackageId,
} from './secret-records.ts';
import type { SecretStore } from './secret-store.ts';

/**
 * This device's one-time KeyPackages: the private parts stay in the SecretStore, the public
 * ones go to the server so others can add us (DMs) without us being online. [P-DS2]
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

  /** Forgets a KeyPackage a Welcome consumed (one-time use). */
  async used(kp: PendingKeyPackage): Promise<void> {
    await this.#store.delete('keyPackage', keyPackageId(kp.keyPackage));
  }

  async #topUp(): Promise<void> {
    const stored = await this.#client.mls.putKeyPackages([]);
    if (stored >= this.#target) return;
    const upload: Uint8Array[] = [];
    // Private parts are saved before the public ones leave: a Welcome can never name a
    // KeyPackage we cannot open.
    for (let i = stored; i < this.#target; i++) upload.push((await this.fresh()).keyPackage);
    await this.#client.mls.putKeyPackages(upload);
  }
}

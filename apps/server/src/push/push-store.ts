/** One device's push subscription (RFC 8030 endpoint, RFC 8291 keys), owned by a client ID. */
export type PushSubscriptionRecord = {
  clientId: string;
  endpoint: string;
  /** base64url of the browser's P-256 public key. */
  p256dh: string;
  /** base64url of the 16-byte auth secret. */
  auth: string;
};

/**
 * Where push subscriptions live (`SqlitePushStore`, or `PostgresPushStore` with `--postgres`). Small on
 * purpose: the relay checks membership, this only keeps rows. [P-PUSH2]
 */
export interface PushStore {
  /** Adds or replaces `sub` (by client and endpoint) with exactly these rooms. */
  put(sub: PushSubscriptionRecord, rooms: readonly string[]): Promise<void>;
  /** Removes one client's subscription of `endpoint`. */
  remove(clientId: string, endpoint: string): Promise<void>;
  /** Removes every row of `endpoint`: its push service said it is gone (404/410). [P-PUSH5] */
  removeEndpoint(endpoint: string): Promise<void>;
  /** How many endpoints the client holds (for the per-client cap). */
  countFor(clientId: string): Promise<number>;
  /** Whether the client already holds `endpoint` (a replacement is not a new one). */
  has(clientId: string, endpoint: string): Promise<boolean>;
  /** Every subscription covering the room. */
  forRoom(room: string): Promise<PushSubscriptionRecord[]>;
  close(): void;
}

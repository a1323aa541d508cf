import type { BlobLimits } from './blobs/blob-store.ts';
import { PostgresBlobStore } from './blobs/postgres-blob-store.ts';
import { PostgresMailStore } from './mail/postgres-mail-store.ts';
import { PostgresPushStore } from './push/postgres-push-store.ts';
import {
  type PostgresOptions,
  PostgresStartError,
} from './storage/postgres/postgres-start-error.ts';
import { PostgresStorage } from './storage/postgres/postgres-storage.ts';

/**
 * What `--postgres` gives a server: storage, blobs, push subscriptions and (with `withMail`)
 * mention e-mail addresses in the database every server shares, and their shared secret. Throws PostgresStartError (one line, says what to check) when
 * the database cannot be reached or migrated.
 */
export async function openPostgres(
  options: PostgresOptions,
  blobLimits: BlobLimits,
  seedSecret: Uint8Array,
  onConnectionError: (error: Error) => void,
  withMail = false,
) {
  const place = {
    url: options.url,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
  };
  let storage: PostgresStorage | undefined;
  try {
    storage = await PostgresStorage.open(place, onConnectionError);
    const blobs = await PostgresBlobStore.open(place, blobLimits, onConnectionError);
    const opened = async () => {
      const secret = await storage!.sharedSecret(seedSecret);
      const push = await PostgresPushStore.open(place, onConnectionError);
      const mail = withMail ? await PostgresMailStore.open(place, onConnectionError) : undefined;
      return { secret, push, mail };
    };
    const { secret, push, mail } = await opened().catch(async (error: unknown) => {
      await blobs.close();
      throw error;
    });
    return { storage, blobs, secret, push, mail };
  } catch (error) {
    await storage?.close();
    throw new PostgresStartError(options.url, error);
  }
}

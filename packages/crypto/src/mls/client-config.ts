import {
  type ClientConfig,
  defaultKeyPackageEqualityConfig,
  defaultLifetimeConfig,
  defaultPaddingConfig,
} from 'ts-mls';
import { yamAuthenticationService } from './authentication-service.ts';

/**
 * How far out of order a message may arrive. Keys for skipped generations are kept for
 * this many generations, then dropped: an older message is refused as a replay. A message
 * more than `maximumForwardRatchetSteps` ahead is refused too (bounds the work per message).
 */
export const KEY_RETENTION = {
  retainKeysForGenerations: 32,
  retainKeysForEpochs: 2,
  maximumForwardRatchetSteps: 1000,
} as const;

/** The ts-mls client configuration every Yam group state carries. */
export const yamClientConfig: ClientConfig = {
  keyRetentionConfig: { ...KEY_RETENTION },
  lifetimeConfig: defaultLifetimeConfig,
  keyPackageEqualityConfig: defaultKeyPackageEqualityConfig,
  paddingConfig: defaultPaddingConfig,
  authService: yamAuthenticationService,
};

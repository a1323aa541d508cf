export { dmRoomId, isDmRoomId } from './dm-room-id.ts';
export { verifyForwardedEnvelope } from './forwarded-envelope.ts';
export {
  createInviteKey,
  INVITE_KEY_BYTES,
  inviteMac,
  openJoinInfo,
  sealJoinInfo,
  verifyInviteMac,
} from './invite-crypto.ts';
export { inviteKeyOf, inviteLink } from './invite-link.ts';
export {
  INVALID_INVITE_MESSAGE,
  REFUSED_MESSAGE,
  WRONG_PASSWORD_MESSAGE,
} from './join-desk.ts';
export { memberKeys } from './member-keys.ts';
export type { OpenedMessage, OpenProblem } from './opened-message.ts';
export { PASSWORD_SCRYPT, roomPasswordKey } from './room-password.ts';
export {
  MemorySecretStore,
  type SecretEntry,
  type SecretKind,
  type SecretStore,
} from './secret-store.ts';
export type { PendingJoin, SecureEvents } from './secure-events.ts';
export { SecureRooms, type SecureRoomsOptions } from './secure-rooms.ts';

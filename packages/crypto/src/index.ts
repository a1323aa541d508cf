// Device identity and domain separation.

// Attachments, safety numbers, identity backup.
export { decryptAttachment, type EncryptedAttachment, encryptAttachment } from './attachment.ts';
// Content signatures and the message envelope.
export {
  contentSignatureInput,
  MAX_CONTENT_ID_BYTES,
  type SignedContent,
  signContent,
  verifyContent,
} from './content-signature.ts';
export { CryptoError, CryptoErrorCode, isCryptoError } from './crypto-error.ts';
export {
  decodeEnvelope,
  ENVELOPE_LIMITS,
  type Envelope,
  encodeEnvelope,
  envelopeAuthor,
  sealEnvelope,
  verifyEnvelope,
} from './envelope.ts';
// Invites, room passwords and sealed records (keys derived from MLS epochs).
export { epochSealKey, openForEpoch, sealedEpoch, sealForEpoch } from './epoch-seal.ts';
export * from './identity.ts';
export {
  type BackupKdf,
  DEFAULT_BACKUP_KDF,
  exportIdentity,
  type IdentityBackup,
  importIdentity,
} from './identity-backup.ts';
export {
  createInviteKey,
  INVITE_KEY_BYTES,
  inviteMac,
  type JoinDetails,
  openJoinInfo,
  sealJoinInfo,
  verifyInviteMac,
} from './invite-crypto.ts';
export { CONTENT_LABEL_BYTES } from './labels.ts';
export { admitProof, verifyAdmitProof } from './mls/admit-proof.ts';
// MLS rooms.
export { credentialFor, isValidCredential } from './mls/authentication-service.ts';
export {
  CIPHER_SUITE,
  type MlsCryptoPath,
  mlsCryptoPath,
  useMlsCryptoPath,
} from './mls/cipher-suite.ts';
export { KEY_RETENTION } from './mls/client-config.ts';
export { exportSecret } from './mls/exporter.ts';
export {
  deserializeRoomGroup,
  type GroupPart,
  type GroupPartRefs,
  groupPartRefs,
  serializeGroupPart,
  serializeRoomGroup,
  serializeRoomGroupState,
} from './mls/group-state-codec.ts';
export { createKeyPackage, type PendingKeyPackage, parseKeyPackage } from './mls/key-package.ts';
export { signLeaveNotice, verifyLeaveNotice } from './mls/leave-notice.ts';
export { MLS_LIMITS } from './mls/limits.ts';
export {
  type AddResult,
  addMembers,
  joinFromWelcome,
  type PendingCommit,
  removeMember,
  updateKeys,
} from './mls/membership.ts';
export { decryptAndOpen, sealAndEncrypt } from './mls/room-envelope.ts';
export {
  createRoomGroup,
  epochOf,
  groupIdOf,
  leafIndexOf,
  membersOf,
  ownLeafIndex,
  type RoomGroup,
  type RoomMember,
} from './mls/room-group.ts';
export {
  type Decrypted,
  decryptMessage,
  encryptMessage,
  type MessageInfo,
  peekMessage,
  processCommit,
} from './mls/room-messages.ts';
export {
  commitAllowed,
  mayChangeRoles,
  mayRemove,
  type Role,
  type RoomRoles,
  roleOf,
  rolesOf,
  setRoles,
} from './mls/room-roles.ts';
export { assertActive, isActive } from './mls/room-state.ts';
export * from './peer-fingerprint.ts';
export {
  type JoinerPake,
  PAKE_JOIN_SHARE_BYTES,
  PAKE_REPLY_BYTES,
  PAKE_TAG_BYTES,
  type PakeKeys,
  type PakeParties,
  pakeJoinerKeys,
  pakeJoinerStart,
  pakeMemberReply,
  pakeTagValid,
} from './room-pake.ts';
export { PASSWORD_SCRYPT, roomPasswordKey } from './room-password.ts';
export {
  fingerprintDigits,
  formatSafetyNumber,
  matchesSafetyQr,
  SAFETY_NUMBER_ITERATIONS,
  type SafetyNumberParty,
  safetyNumber,
  safetyNumberQrPayload,
} from './safety-number.ts';

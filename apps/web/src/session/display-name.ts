/** Names travel inside every message, so keep them short. */
export const MAX_NAME_LENGTH = 40;

/** A stable default from the client ID, so a new visitor is recognisable before naming. */
export function defaultDisplayName(clientId: string): string {
  return `Guest-${clientId.replace(/[^A-Za-z0-9]/g, '').slice(0, 4)}`;
}

/** Bus topic names, shared by every process of one deployment. */

/** Everything a room's subscribers receive, in order. */
export const roomTopic = (room: string) => `room:${room}`;

/** Frames addressed to one client ID rather than a room. */
export const clientTopic = (clientId: string) => `client:${clientId}`;

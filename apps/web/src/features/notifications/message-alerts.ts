import { effect, signal } from '@preact/signals';
import { decodeContent, type OpenedMessage, type TransferInfo } from '@yam/client';
import { isDmRoom, type RoomId } from '@yam/protocol';
import { pageHidden, showNotification } from '../../platform/browser-notifications.ts';
import { playChime } from '../../platform/chime.ts';
import type { AppState } from '../../session/app-state.ts';
import { defaultDisplayName } from '../../session/display-name.ts';
import { roomKey } from '../../session/room-entry.ts';
import type { ServerSession } from '../../session/server-session.ts';
import { FRESH_MS, fileOfferText, mentions, notificationText, shouldAlert } from './alert-rules.ts';

/**
 * Alerts for a tab nobody is looking at: a chime (when "Sound" is on), a browser
 * notification (when allowed and the room's "Notify me" agrees) for messages, DMs, mentions
 * and join requests waiting for this person, and a count of messages that arrived in the
 * open room while hidden (for the tab title). A click focuses the tab and opens the room.
 */
export class MessageAlerts {
  /** Messages in the open room that arrived while the tab was hidden. */
  readonly hiddenUnread = signal(0);
  readonly #app: AppState;
  readonly #watched = new WeakSet<ServerSession>();
  readonly #off: (() => void)[] = [];
  readonly #seenJoins = new Set<string>();

  constructor(app: AppState) {
    this.#app = app;
  }

  /** Follows every server session the room list uses; returns the function that stops. */
  start(): () => void {
    const { rooms, sessions } = this.#app;
    this.#off.push(
      effect(() => {
        for (const entry of rooms.entries.value) {
          const session = sessions.for(entry.server);
          if (this.#watched.has(session)) continue;
          this.#watched.add(session);
          this.#off.push(session.onMessage((m) => this.#onMessage(session, m)));
          this.#off.push(effect(() => this.#onJoins(session)));
        }
      }),
    );
    const shown = () => {
      if (!pageHidden()) this.hiddenUnread.value = 0;
    };
    document.addEventListener('visibilitychange', shown);
    this.#off.push(() => document.removeEventListener('visibilitychange', shown));
    return () => {
      for (const off of this.#off.splice(0)) off();
    };
  }

  #onMessage(session: ServerSession, m: OpenedMessage): void {
    if (m.from === session.me || m.sharedBy || !pageHidden()) return;
    if (Math.abs(Date.now() - m.ts) > FRESH_MS) return;
    const { rooms, profiles, notifications, own } = this.#app;
    const entry = rooms.find(session.server, m.room);
    if (!entry) return;
    const content = m.body ? decodeContent(m.body) : undefined;
    // Reactions are not messages to be woken for.
    if (content?.type === 'reaction') return;
    if (entry.key === rooms.currentKey.value) this.hiddenUnread.value += 1;
    const text = content?.type === 'text' ? content.text : content ? 'Sent an image' : undefined;
    const dm = isDmRoom(m.room);
    const facts = {
      level: notifications.levelOf(entry.key),
      dm,
      mentioned: text !== undefined && mentions(text, own.displayName.value),
    };
    if (!shouldAlert(facts)) return;
    if (notifications.sound.value) playChime();
    const author = profiles.nameOf(m.from, defaultDisplayName(m.from));
    const shown = notificationText(author, entry.name, text, notifications.hideContent.value);
    showNotification({
      ...shown,
      tag: entry.key,
      room: { server: entry.server, room: entry.room },
      onClick: () => this.#open(entry.key),
    });
  }

  /**
   * A member offers files in the open room (P2P: offers come only there). Seen while the
   * tab shows the room (its files bar holds Accept); while hidden it counts like a
   * message and alerts like a mention: only "Nothing" keeps it quiet.
   */
  fileOffer(server: string, room: RoomId, info: TransferInfo): void {
    if (info.direction !== 'receive' || !pageHidden()) return;
    const { rooms, profiles, notifications } = this.#app;
    const entry = rooms.find(server, room);
    if (!entry) return;
    if (entry.key === rooms.currentKey.value) this.hiddenUnread.value += 1;
    const level = notifications.levelOf(entry.key);
    if (!shouldAlert({ level, dm: isDmRoom(room), mentioned: true })) return;
    if (notifications.sound.value) playChime();
    const author = profiles.nameOf(info.peer, defaultDisplayName(info.peer));
    const hide = notifications.hideContent.value;
    showNotification({
      ...fileOfferText(author, entry.name, info.files, hide),
      tag: `offer ${info.id}`,
      room: { server: entry.server, room: entry.room },
      onClick: () => this.#open(entry.key),
    });
  }

  #onJoins(session: ServerSession): void {
    const { rooms, notifications } = this.#app;
    for (const request of session.secure.requests.value) {
      const id = `${session.server} ${request.room} ${request.id}`;
      if (this.#seenJoins.has(id)) continue;
      this.#seenJoins.add(id);
      const entry = rooms.find(session.server, request.room);
      if (!entry || !pageHidden()) continue;
      if (notifications.levelOf(entry.key) === 'nothing') continue;
      if (notifications.sound.value) playChime();
      showNotification({
        title: entry.name,
        body: `${request.name ?? 'Someone'} asks to join ${entry.name}`,
        tag: `join ${roomKey(session.server, request.room)}`,
        room: { server: entry.server, room: entry.room },
        onClick: () => this.#open(entry.key),
      });
    }
  }

  #open(key: string): void {
    this.#app.navigation.showRoom(key);
  }
}

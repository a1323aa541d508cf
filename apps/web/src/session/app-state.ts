import type { DeviceIdentity } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import { watchActivity } from '../platform/activity-events.ts';
import { type AddressBar, browserAddressBar } from '../platform/address-bar.ts';
import { IdbRoomList } from '../platform/idb/idb-room-list.ts';
import { type InstallPrompt, watchInstallPrompt } from '../platform/install-prompt.ts';
import { localSettings } from '../platform/local-settings.ts';
import { inlineSearch, type SearchClient, workerSearch } from '../platform/search/search-client.ts';
import { registerServiceWorker, type ServiceWorkerLink } from '../platform/sw/register-sw.ts';
import { defaultDisplayName } from './display-name.ts';
import { MessageFocus } from './message-focus.ts';
import { Navigation } from './navigation.ts';
import { NotificationSettings } from './notification-settings.ts';
import { type ActivityEvents, OwnActivity } from './own-activity.ts';
import { OwnProfile, type Settings } from './own-profile.ts';
import { ProfileDirectory } from './profile-directory.ts';
import type { RoomEntry } from './room-entry.ts';
import { RoomList, type RoomStorage } from './room-list.ts';
import { followMentions, RoomMentions } from './room-mentions.ts';
import { appServer } from './room-route.ts';
import { SearchFeed } from './search-feed.ts';
import { ServerSession, type SessionHooks } from './server-session.ts';
import { Sessions } from './sessions.ts';

/** The browser parts the app state runs on; tests replace them. */
export type AppPlatform = {
  settings: Settings;
  addressBar: AddressBar;
  roomStorage: RoomStorage;
  activity: ActivityEvents;
  /** The message search index (a worker in the browser). */
  search: SearchClient;
  openSession(server: string, identity: DeviceIdentity, hooks: SessionHooks): ServerSession;
  serviceWorker(): ServiceWorkerLink;
  installPrompt(): InstallPrompt;
};

/**
 * Everything the app knows, created once in main.tsx and handed down by context
 * (AppStateContext): the identity and own profile, other people's profiles, one session
 * per server, the room list and navigation. Nothing of it lives in module variables.
 */
export type AppState = {
  readonly identity: DeviceIdentity;
  readonly own: OwnProfile;
  readonly profiles: ProfileDirectory;
  readonly activity: OwnActivity;
  readonly sessions: Sessions<ServerSession>;
  readonly rooms: RoomList;
  /** Unread mentions of you per room (beside `rooms.unread`). */
  readonly mentions: RoomMentions;
  readonly navigation: Navigation;
  /** Full-text search of this device's decrypted messages. */
  readonly search: SearchClient;
  /** Rooms whose stored history is still being added to the search index. */
  readonly searchCatchingUp: { readonly value: number };
  /** The message the open room should scroll to (a search result). */
  readonly focus: MessageFocus;
  /** Sound, hidden content and each room's "Notify me". */
  readonly notifications: NotificationSettings;
  /** The service worker (updates, notification clicks) and the browser's install offer. */
  readonly serviceWorker: ServiceWorkerLink;
  readonly install: InstallPrompt;
  /** Reads the room list and applies the page URL (once, from main.tsx). */
  start(): Promise<void>;
  /** Lists (or finds) a DM room this device opened and shows it. */
  openDm(server: string, room: RoomId, name: string): Promise<void>;
};

export function createAppState(
  identity: DeviceIdentity,
  platform: Partial<AppPlatform> = {},
): AppState {
  const settings = platform.settings ?? localSettings;
  const bar = platform.addressBar ?? browserAddressBar();
  const openSession =
    platform.openSession ?? ((server, id, hooks) => new ServerSession(server, id, hooks));
  const own = new OwnProfile(identity.clientId, settings);
  const profiles = new ProfileDirectory(own);
  const activity = new OwnActivity(platform.activity ?? watchActivity);
  const hooksFor = (server: string): SessionHooks => ({
    // A DM someone opened with us: it belongs in the room list.
    onDm: (room, from) =>
      void rooms.listDm(server, room, profiles.nameOf(from, defaultDisplayName(from))),
    openDm: (dmServer, room, name) => openDm(dmServer, room, name),
  });
  const sessions = new Sessions((server) => openSession(server, identity, hooksFor(server)));
  const storage = platform.roomStorage ?? new IdbRoomList<RoomEntry>();
  const rooms = new RoomList(identity.clientId, storage, sessions, settings);
  const mentions = new RoomMentions(
    identity.clientId,
    (key) => rooms.entries.value.find((e) => e.key === key),
    (key) => rooms.currentKey.value === key,
    (server, room, seq) => rooms.notUnread(server, room, seq),
  );
  followMentions(mentions, rooms, (server) => sessions.for(server));
  const navigation = new Navigation(rooms, bar, appServer(bar));
  const search =
    platform.search ?? (typeof Worker === 'function' ? workerSearch() : inlineSearch());
  const feed = new SearchFeed(search, (server) => sessions.for(server));
  const notifications = new NotificationSettings(settings);
  const serviceWorker = (platform.serviceWorker ?? registerServiceWorker)();
  const install = (platform.installPrompt ?? watchInstallPrompt)();
  async function openDm(server: string, room: RoomId, name: string): Promise<void> {
    const entry = rooms.find(server, room) ?? (await rooms.add({ server, room }, name));
    navigation.showRoom(entry.key);
  }
  return {
    identity,
    own,
    profiles,
    activity,
    sessions,
    rooms,
    mentions,
    navigation,
    search,
    searchCatchingUp: feed.catchingUp,
    focus: new MessageFocus(),
    start: async () => {
      await navigation.start();
      feed.follow(rooms.entries);
    },
    notifications,
    serviceWorker,
    install,
    openDm,
  };
}

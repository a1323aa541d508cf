import { useEffect, useMemo, useState } from 'preact/hooks';
import { createImageLoads } from '../features/images/load-image.ts';
import { NotificationControls } from '../features/notifications/notification-controls.tsx';
import { UpdateBanner } from '../features/notifications/update-banner.tsx';
import { useAttention } from '../features/notifications/use-attention.ts';
import { PresenceStrip } from '../features/presence/presence-strip.tsx';
import { FirstRunName } from '../features/profile/first-run-name.tsx';
import { ProfileDialog } from '../features/profile/profile-dialog.tsx';
import { RoomDialogs } from '../features/rooms/room-dialogs.tsx';
import { RoomSidebar } from '../features/rooms/room-sidebar.tsx';
import { RoomSwitcher } from '../features/rooms/room-switcher.tsx';
import { WelcomeScreen } from '../features/rooms/welcome-screen.tsx';
import { SearchPanel } from '../features/search/search-panel.tsx';
import { LinkPreviewsToggle } from '../features/settings/link-previews-toggle.tsx';
import { ReadReceiptsToggle } from '../features/settings/read-receipts-toggle.tsx';
import { ShareHistoryToggle } from '../features/settings/share-history-toggle.tsx';
import { useAppState } from '../session/app-state-context.ts';
import { addressOf } from '../session/room-entry.ts';
import { SideSlotContext } from '../ui/side-slot.tsx';
import { ConnectionStatus } from './connection-status.tsx';
import { Header } from './header.tsx';
import { RoomView } from './room-view.tsx';

type OpenPanel = 'profile' | 'search' | undefined;

/**
 * The frame: header, then the welcome screen or the open room, and the room dialogs. At
 * ≥1024 px an open room has the room sidebar on its left and a slot for a side panel
 * (threads, members) on its right. A person without a name is asked for one first.
 */
export function App() {
  const app = useAppState();
  const { rooms, navigation, sessions, profiles, own } = app;
  const [panel, setPanel] = useState<OpenPanel>(undefined);
  const [sideSlot, setSideSlot] = useState<HTMLElement | null>(null);
  const [imageLoads] = useState(createImageLoads);
  const toggle = (which: OpenPanel) => setPanel((p) => (p === which ? undefined : which));
  const room = rooms.current.value;
  const session = room ? sessions.for(room.server) : undefined;
  const ports = useMemo(
    () => (room && session ? session.room(room.room) : undefined),
    [session, room?.room],
  );
  const dialog = navigation.dialog;
  const openAdd = () => (dialog.value = { kind: 'add', url: '', name: '' });
  const openCreate = () => (dialog.value = { kind: 'create' });

  // The tab title ("(3) Weekend plans · Yam"), favicon, badge and alerts.
  const alerts = useAttention(app);
  // Profiles are learned and published on the servers of rooms that were opened.
  useEffect(() => session && profiles.attach(session), [session]);

  return (
    <div class="app">
      <Header
        title=""
        subtitle={
          <>
            <RoomSwitcher
              rooms={rooms}
              onOpen={(key) => navigation.showRoom(key)}
              onAdd={openAdd}
              onCreate={openCreate}
            />
            {session && <ConnectionStatus status={session.status.value} />}
          </>
        }
        menuOpen={panel === 'profile'}
        onMenu={() => toggle('profile')}
        onHome={() => {
          setPanel(undefined);
          navigation.goHome();
        }}
        searchOpen={panel === 'search'}
        onSearch={() => toggle('search')}
        settingsOpen={dialog.value?.kind === 'configure'}
        {...(room ? { onSettings: () => (dialog.value = { kind: 'configure' }) } : {})}
      />
      {panel === 'profile' && (
        <ProfileDialog upload={session} onClose={() => setPanel(undefined)}>
          <ShareHistoryToggle />
          <ReadReceiptsToggle />
          <NotificationControls />
          <LinkPreviewsToggle offered={session?.rooms.previews.offered ?? false} />
        </ProfileDialog>
      )}
      {panel === 'search' && <SearchPanel onClose={() => setPanel(undefined)} />}
      <SideSlotContext.Provider value={sideSlot}>
        <div class="app-body">
          {room && (
            <RoomSidebar
              rooms={rooms}
              onOpen={(key) => navigation.showRoom(key)}
              onAdd={openAdd}
              onCreate={openCreate}
            />
          )}
          <div class="app-main">
            {room && session && !own.named.value ? (
              <FirstRunName />
            ) : (
              <>
                {ports && <PresenceStrip room={ports} />}
                {room && session ? (
                  <RoomView
                    key={room.key}
                    session={session}
                    address={addressOf(room)}
                    invite={room.invite}
                    takePassword={() => rooms.takePassword(room.key)}
                    imageLoads={imageLoads}
                    readUpTo={rooms.readAtOpen(room.key)}
                    onLeave={() => rooms.keepFollowing(room.key)}
                    onFileOffer={(info) => alerts.fileOffer(room.server, room.room, info)}
                  />
                ) : navigation.ready.value ? (
                  <WelcomeScreen
                    entries={rooms.entries.value}
                    onOpen={(key) => navigation.showRoom(key)}
                    onAdd={openAdd}
                    onCreate={openCreate}
                  />
                ) : (
                  <main class="welcome" />
                )}
              </>
            )}
          </div>
          {room && <aside class="app-side" ref={setSideSlot} aria-label="Side panel" />}
        </div>
      </SideSlotContext.Provider>
      <RoomDialogs />
      <UpdateBanner />
    </div>
  );
}

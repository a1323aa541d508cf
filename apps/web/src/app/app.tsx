import type { DeviceIdentity } from '@yam/crypto';
import { useEffect, useState } from 'preact/hooks';
import { PresenceStrip } from '../features/presence/presence-strip.tsx';
import { ProfileDialog } from '../features/profile/profile-dialog.tsx';
import { RoomDialogs } from '../features/rooms/room-dialogs.tsx';
import { addressOf } from '../features/rooms/room-entry.ts';
import { RoomSwitcher } from '../features/rooms/room-switcher.tsx';
import { RoomView } from '../features/rooms/room-view.tsx';
import { WelcomeScreen } from '../features/rooms/welcome-screen.tsx';
import { connectRoomList } from '../features/secure/connect-room-list.ts';
import { sessionFor } from './client-session.ts';
import { ConnectionStatus } from './connection-status.tsx';
import { Header } from './header.tsx';
import { goHome, roomDialog, roomsReady, showRoom, startRooms } from './navigation.ts';

type OpenPanel = 'profile' | undefined;

/** The frame: header, then the welcome screen or the open room, and the room dialogs. */
export function App(props: { identity: DeviceIdentity }) {
  const { identity } = props;
  const [rooms] = useState(() => startRooms(identity));
  useEffect(() => connectRoomList(rooms), [rooms]);
  const [panel, setPanel] = useState<OpenPanel>(undefined);
  const toggle = (which: OpenPanel) => setPanel((p) => (p === which ? undefined : which));
  const room = rooms.current.value;
  const session = room ? sessionFor(room.server, identity) : undefined;
  const openAdd = () => (roomDialog.value = { kind: 'add', url: '', name: '' });
  const openCreate = () => (roomDialog.value = { kind: 'create' });

  useEffect(() => {
    document.title = room ? `${room.name} · Yam` : 'Yam';
  }, [room?.name]);

  return (
    <div class="app">
      <Header
        title=""
        subtitle={
          <>
            <RoomSwitcher
              rooms={rooms}
              onOpen={(key) => showRoom(rooms, key)}
              onAdd={openAdd}
              onCreate={openCreate}
            />
            {session && (
              <ConnectionStatus state={session.state.value} retryAt={session.retryAt.value} />
            )}
          </>
        }
        menuOpen={panel === 'profile'}
        onMenu={() => toggle('profile')}
        onHome={() => {
          setPanel(undefined);
          goHome(rooms);
        }}
        settingsOpen={roomDialog.value?.kind === 'configure'}
        {...(room ? { onSettings: () => (roomDialog.value = { kind: 'configure' }) } : {})}
      />
      {panel === 'profile' && (
        <ProfileDialog
          clientId={identity.clientId}
          client={session?.client}
          onClose={() => setPanel(undefined)}
        />
      )}
      {room && session && <PresenceStrip session={session} room={addressOf(room).room} />}
      {room && session ? (
        <RoomView
          key={room.key}
          session={session}
          address={addressOf(room)}
          invite={room.invite}
          onLeave={() => rooms.keepFollowing(room.key)}
        />
      ) : roomsReady.value ? (
        <WelcomeScreen
          entries={rooms.entries.value}
          onOpen={(key) => showRoom(rooms, key)}
          onAdd={openAdd}
          onCreate={openCreate}
        />
      ) : (
        <main class="welcome" />
      )}
      <RoomDialogs rooms={rooms} />
    </div>
  );
}

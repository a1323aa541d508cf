import type { DeviceIdentity } from '@yam/crypto';
import { useEffect, useState } from 'preact/hooks';
import { RoomPanel } from '../features/rooms/room-panel.tsx';
import { RoomView } from '../features/rooms/room-view.tsx';
import { WelcomeScreen } from '../features/rooms/welcome-screen.tsx';
import { ProfilePanel } from '../features/settings/profile-panel.tsx';
import { sessionFor } from './client-session.ts';
import { ConnectionStatus } from './connection-status.tsx';
import { Header } from './header.tsx';
import { goHome, homeServer, openRoom, route } from './navigation.ts';

type OpenPanel = 'profile' | 'room' | undefined;

/** The frame: header, then the welcome screen or the open room. */
export function App(props: { identity: DeviceIdentity }) {
  const { identity } = props;
  const current = route.value;
  const [panel, setPanel] = useState<OpenPanel>(undefined);
  const toggle = (which: OpenPanel) => setPanel((p) => (p === which ? undefined : which));
  const room = current.kind === 'room' ? current.address : undefined;
  const session = room ? sessionFor(room.server, identity) : undefined;
  const title = room ? (room.name ?? roomLabel(room.room)) : '';

  useEffect(() => {
    document.title = room ? `${title} · Yam` : 'Yam';
  }, [room, title]);

  return (
    <div class="app">
      <Header
        title={title}
        subtitle={
          session && (
            <ConnectionStatus state={session.state.value} retryAt={session.retryAt.value} />
          )
        }
        menuOpen={panel === 'profile'}
        onMenu={() => toggle('profile')}
        onHome={() => {
          setPanel(undefined);
          goHome();
        }}
        settingsOpen={panel === 'room'}
        {...(room ? { onSettings: () => toggle('room') } : {})}
      />
      {panel === 'profile' && (
        <ProfilePanel clientId={identity.clientId} onClose={() => setPanel(undefined)} />
      )}
      {panel === 'room' && room && <RoomPanel address={room} onClose={() => setPanel(undefined)} />}
      {room && session ? (
        <RoomView key={`${room.server} ${room.room}`} session={session} address={room} />
      ) : (
        <WelcomeScreen
          server={homeServer}
          {...(current.kind === 'invalid' ? { invalidInput: current.input } : {})}
          onOpen={openRoom}
        />
      )}
    </div>
  );
}

/** A room without a name is shown by its ID, shortened when it is a long random one. */
function roomLabel(id: string): string {
  return `Room ${id.length > 16 ? `${id.slice(0, 8)}…` : id}`;
}

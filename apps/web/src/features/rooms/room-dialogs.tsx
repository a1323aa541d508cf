import { useAppState } from '../../session/app-state-context.ts';
import { AddRoomDialog } from './add-room-dialog.tsx';
import { ConfigureRoomDialog } from './configure-room-dialog.tsx';
import { CreateRoomDialog } from './create-room-dialog.tsx';

/** Whichever room dialog is open: "Add room", "Create new room" or "Configure room". */
export function RoomDialogs() {
  const { rooms, navigation, sessions, notifications } = useAppState();
  const dialog = navigation.dialog.value;
  const current = rooms.current.value;
  const close = () => {
    navigation.dialog.value = undefined;
    navigation.syncUrl();
  };
  const open = (key: string) => {
    navigation.dialog.value = undefined;
    navigation.showRoom(key);
  };
  switch (dialog?.kind) {
    case undefined:
      return null;
    case 'add':
      return (
        <AddRoomDialog
          rooms={rooms}
          url={dialog.url}
          name={dialog.name}
          invite={dialog.invite}
          error={dialog.error}
          onOpen={open}
          onClose={close}
        />
      );
    case 'create':
      return (
        <CreateRoomDialog
          rooms={rooms}
          server={current?.server ?? navigation.homeServer}
          onOpen={open}
          onClose={close}
        />
      );
    case 'configure':
      if (!current) return null;
      return (
        <ConfigureRoomDialog
          key={current.key}
          rooms={rooms}
          entry={current}
          group={sessions.existing(current.server)?.room(current.room)}
          notifications={notifications}
          onRenamed={() => navigation.syncUrl()}
          onRemoved={() => {
            navigation.dialog.value = undefined;
            navigation.showNextRoom();
          }}
          onClose={close}
        />
      );
    default:
      return dialog satisfies never;
  }
}

import { homeServer, roomDialog, showNextRoom, showRoom, syncUrl } from '../../app/navigation.ts';
import { AddRoomDialog } from './add-room-dialog.tsx';
import { ConfigureRoomDialog } from './configure-room-dialog.tsx';
import { CreateRoomDialog } from './create-room-dialog.tsx';
import type { RoomList } from './room-list.ts';

/** Whichever room dialog is open: "Add room", "Create new room" or "Configure room". */
export function RoomDialogs(props: { rooms: RoomList }) {
  const { rooms } = props;
  const dialog = roomDialog.value;
  const current = rooms.current.value;
  const close = () => {
    roomDialog.value = undefined;
    syncUrl(rooms);
  };
  const open = (key: string) => {
    roomDialog.value = undefined;
    showRoom(rooms, key);
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
          server={current?.server ?? homeServer}
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
          onRenamed={() => syncUrl(rooms)}
          onRemoved={() => {
            roomDialog.value = undefined;
            showNextRoom(rooms);
          }}
          onClose={close}
        />
      );
    default:
      return dialog satisfies never;
  }
}

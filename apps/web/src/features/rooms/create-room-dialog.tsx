import { useId, useRef, useState } from 'preact/hooks';
import { randomRoomId } from '../../session/random-room-id.ts';
import { checkRoomName, checkServerUrl, MAX_ROOM_NAME } from '../../session/room-input.ts';
import type { RoomList } from '../../session/room-list.ts';
import { FormMessage } from '../../ui/form-message.tsx';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { probeServer } from './probe-server.ts';

type Props = { rooms: RoomList; server: string; onOpen(key: string): void; onClose(): void };

type Problem = { field: 'server' | 'name'; message: string };

/**
 * "Create new room": a server and a name. The room code is random and never shown; the
 * server needs no creation step, a room exists once someone joins it.
 */
export function CreateRoomDialog(props: Props) {
  const [server, setServer] = useState(props.server);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [probing, setProbing] = useState(false);
  const messageId = useId();
  const serverRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  // The field at fault takes the focus, so the user can fix it straight away.
  const report = (found: Problem) => {
    setProblem(found);
    ({ server: serverRef, name: nameRef })[found.field].current?.focus();
  };

  async function create(e: Event) {
    e.preventDefault();
    if (probing) return;
    const checkedServer = checkServerUrl(server);
    if (!checkedServer.ok) return report({ field: 'server', message: checkedServer.message });
    const checkedName = checkRoomName(name);
    if (!checkedName.ok) return report({ field: 'name', message: checkedName.message });
    setProblem(undefined);
    setProbing(true);
    const reachable = await probeServer(checkedServer.value, location.origin);
    setProbing(false);
    if (!reachable) {
      const host = new URL(checkedServer.value).host;
      return report({
        field: 'server',
        message: `Could not reach the server ${host}, or it does not let this app connect. Check its URL and your connection, then try again.`,
      });
    }
    const address = { server: checkedServer.value, room: randomRoomId() };
    // The password goes with the room: the room view creates its group with it.
    const entry = await props.rooms.add(address, checkedName.value, { password });
    props.onOpen(entry.key);
  }

  return (
    <ModalDialog title="Create new room" onClose={props.onClose}>
      <form onSubmit={create} noValidate>
        <label class="field">
          <span>Room name</span>
          <input
            type="text"
            maxLength={MAX_ROOM_NAME}
            placeholder="For example: Book club"
            value={name}
            ref={nameRef}
            aria-invalid={problem?.field === 'name'}
            aria-describedby={messageId}
            onInput={(e) => {
              setName((e.target as HTMLInputElement).value);
              setProblem(undefined);
            }}
          />
        </label>
        <label class="field">
          <span>Server URL</span>
          <input
            type="url"
            inputMode="url"
            autoComplete="off"
            value={server}
            ref={serverRef}
            aria-invalid={problem?.field === 'server'}
            aria-describedby={messageId}
            onInput={(e) => {
              setServer((e.target as HTMLInputElement).value);
              setProblem(undefined);
            }}
          />
        </label>
        <label class="field">
          <span>Password (optional)</span>
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </label>
        <FormMessage
          id={messageId}
          error={problem?.message}
          progress={probing ? 'Checking the server…' : undefined}
        />
        <div class="row-end">
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="button primary" disabled={probing}>
            Create room
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

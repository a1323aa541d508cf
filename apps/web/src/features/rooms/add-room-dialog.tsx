import { useId, useRef, useState } from 'preact/hooks';
import type { RoomEntry } from '../../session/room-entry.ts';
import { checkRoomName, checkRoomUrl, MAX_ROOM_NAME } from '../../session/room-input.ts';
import type { RoomList } from '../../session/room-list.ts';
import { FormMessage } from '../../ui/form-message.tsx';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { probeServer } from './probe-server.ts';

type Props = {
  rooms: RoomList;
  url: string;
  name: string;
  invite?: string | undefined;
  error?: string | undefined;
  onOpen(key: string): void;
  onClose(): void;
};

type Problem = { field: 'url' | 'name'; message: string; existing?: RoomEntry };

/** "Add room": a Room URL and a name; Connect checks both and the server, then opens it. */
export function AddRoomDialog(props: Props) {
  const [url, setUrl] = useState(props.url);
  const [name, setName] = useState(props.name);
  const [nameTouched, setNameTouched] = useState(props.name !== '');
  const [problem, setProblem] = useState<Problem | undefined>(
    props.error ? { field: 'url', message: props.error } : undefined,
  );
  const [probing, setProbing] = useState(false);
  const messageId = useId();
  const urlRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  // The field at fault takes the focus, so the user can fix it straight away.
  const report = (found: Problem) => {
    setProblem(found);
    ({ url: urlRef, name: nameRef })[found.field].current?.focus();
  };

  async function connect(e: Event) {
    e.preventDefault();
    if (probing) return;
    const address = checkRoomUrl(url);
    if (!address.ok) return report({ field: 'url', message: address.message });
    const checkedName = checkRoomName(name);
    if (!checkedName.ok) return report({ field: 'name', message: checkedName.message });
    const existing = props.rooms.find(address.value.server, address.value.room);
    if (existing) {
      return report({
        field: 'url',
        message: `This room is already in your list as “${existing.name}”. Open it, or paste a different Room URL.`,
        existing,
      });
    }
    setProblem(undefined);
    setProbing(true);
    const reachable = await probeServer(address.value.server, location.origin);
    setProbing(false);
    if (!reachable) {
      const host = new URL(address.value.server).host;
      return report({
        field: 'url',
        message: `Could not reach the server ${host}, or it does not let this app connect. Check the Room URL and your connection and try again, or open the Room URL directly in your browser.`,
      });
    }
    const entry = await props.rooms.add(address.value, checkedName.value, {
      invite: props.invite,
    });
    props.onOpen(entry.key);
  }

  return (
    <ModalDialog title="Add room" onClose={props.onClose}>
      <form onSubmit={connect} noValidate>
        <label class="field">
          <span>Room URL</span>
          <input
            type="url"
            inputMode="url"
            autoComplete="off"
            placeholder="https://example.org/?room=…"
            value={url}
            ref={urlRef}
            aria-invalid={problem?.field === 'url'}
            aria-describedby={messageId}
            onInput={(e) => {
              const text = (e.target as HTMLInputElement).value;
              setUrl(text);
              setProblem(undefined);
              // A pasted Room URL often carries the room's name: offer it.
              const parsed = checkRoomUrl(text);
              if (!nameTouched && parsed.ok && parsed.value.name) setName(parsed.value.name);
            }}
          />
        </label>
        <label class="field">
          <span>Room name</span>
          <input
            type="text"
            maxLength={MAX_ROOM_NAME}
            value={name}
            ref={nameRef}
            aria-invalid={problem?.field === 'name'}
            aria-describedby={messageId}
            onInput={(e) => {
              setName((e.target as HTMLInputElement).value);
              setNameTouched(true);
              setProblem(undefined);
            }}
          />
        </label>
        <FormMessage
          id={messageId}
          error={problem?.message}
          progress={probing ? 'Checking the server…' : undefined}
        >
          {problem?.existing && (
            <button
              type="button"
              class="button"
              onClick={() => props.onOpen(problem.existing!.key)}
            >
              Open “{problem.existing.name}”
            </button>
          )}
        </FormMessage>
        <div class="row-end">
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="button primary" disabled={probing}>
            Connect
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

import type { RoomAddress } from '@yam/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ClientSession } from '../../app/client-session.ts';
import { FilesBar } from '../files/files-bar.tsx';
import { ImagePicker } from '../images/image-picker.tsx';
import { postImage } from '../images/post-image.ts';
import { MAX_IMAGE_UPLOAD } from '../images/prepare-image.ts';
import { Composer } from '../messages/composer.tsx';
import { MessageList } from '../messages/message-list.tsx';
import { RoomHistoryShare } from '../messages/room-history-share.ts';
import { RoomTimeline } from '../messages/room-timeline.ts';
import { JoinRequests } from '../secure/join-requests.tsx';
import { MembershipNotice } from '../secure/membership-notice.tsx';
import { RoomMembership } from '../secure/room-membership.ts';
import { takeNewRoomPassword } from '../secure/room-passwords.ts';
import { displayName } from '../settings/display-name.ts';
import { roomKey } from './room-entry.ts';

type Props = {
  session: ClientSession;
  address: RoomAddress;
  /** The URL fragment the room was added with (may hold an invite key). */
  invite?: string | undefined;
  /** After the view closed (it leaves the room): the room list joins again to count unread. */
  onLeave?(): void;
};

/** An open room: its messages and the composer, once this device is in the room's group. */
export function RoomView(props: Props) {
  const { session, address } = props;
  const membership = useMemo(
    () => new RoomMembership(session.secure, address.room),
    [session, address.room],
  );
  const timeline = useMemo(
    () => new RoomTimeline(session.client, session.secure.rooms, session.store, address.room),
    [session, address.room],
  );
  const history = useMemo(
    () => new RoomHistoryShare(session, address.room, timeline),
    [session, address.room, timeline],
  );
  useEffect(() => {
    void history.start();
    return () => history.dispose();
  }, [history]);
  const [scrollToken, setScrollToken] = useState(0);
  const onLeave = useRef(props.onLeave);
  onLeave.current = props.onLeave;
  const invite = useRef(props.invite);

  useEffect(() => {
    const password = takeNewRoomPassword(roomKey(address.server, address.room));
    void membership.start(invite.current, password);
    void timeline.start();
    return () => {
      membership.dispose();
      timeline.dispose();
      onLeave.current?.();
    };
  }, [membership, timeline]);

  const state = membership.state.value;
  const online = session.state.value !== 'offline' && session.state.value !== 'closed';
  return (
    <main class="room">
      {state.kind === 'member' && <JoinRequests secure={session.secure} room={address.room} />}
      {state.kind === 'waiting' || state.kind === 'failed' || state.kind === 'checking' ? (
        <MembershipNotice
          state={state}
          onPassword={(password) => void membership.joinWithPassword(password)}
        />
      ) : (
        <MessageList timeline={timeline} history={history} scrollToEndToken={scrollToken} />
      )}
      {state.kind === 'removed' && <MembershipNotice state={state} />}
      <FilesBar session={session} room={address.room}>
        <ImagePicker
          disabled={state.kind !== 'member'}
          maxBytes={MAX_IMAGE_UPLOAD}
          onSend={async (image, caption) => {
            const content = await postImage(session.client, image, caption, displayName.value);
            await timeline.sendContent(content);
            setScrollToken((t) => t + 1);
          }}
        />
      </FilesBar>
      <Composer
        // Only a lost connection looks offline; while (re)connecting it sends soon anyway.
        online={online}
        disabled={state.kind !== 'member'}
        onSend={async (text) => {
          await timeline.send(text, displayName.value);
          setScrollToken((t) => t + 1);
        }}
      />
    </main>
  );
}

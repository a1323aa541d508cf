import type { RoomAddress } from '@yam/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ClientSession } from '../../app/client-session.ts';
import { Composer } from '../messages/composer.tsx';
import { MessageList } from '../messages/message-list.tsx';
import { RoomTimeline } from '../messages/room-timeline.ts';
import { displayName } from '../settings/display-name.ts';

type Props = {
  session: ClientSession;
  address: RoomAddress;
  /** After the view closed (it leaves the room): the room list joins again to count unread. */
  onLeave?(): void;
};

/** An open room: its messages and the composer. */
export function RoomView(props: Props) {
  const { session, address } = props;
  const timeline = useMemo(
    () => new RoomTimeline(session.client, session.store, address.room),
    [session, address.room],
  );
  const [scrollToken, setScrollToken] = useState(0);
  const onLeave = useRef(props.onLeave);
  onLeave.current = props.onLeave;

  useEffect(() => {
    void timeline.start();
    return () => {
      timeline.dispose();
      onLeave.current?.();
    };
  }, [timeline]);

  return (
    <main class="room">
      <MessageList timeline={timeline} scrollToEndToken={scrollToken} />
      <Composer
        // Only a lost connection looks offline; while (re)connecting it sends soon anyway.
        online={session.state.value !== 'offline' && session.state.value !== 'closed'}
        onSend={async (text) => {
          await timeline.send(text, displayName.value);
          setScrollToken((t) => t + 1);
        }}
      />
    </main>
  );
}

import type { MediaContent, ReplyTo, TransferInfo } from '@yam/client';
import type { RoomAddress } from '@yam/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { FilesBar } from '../features/files/files-bar.tsx';
import { RoomFiles } from '../features/files/room-files.ts';
import { ImagePicker } from '../features/images/image-picker.tsx';
import { ImageView } from '../features/images/image-view.tsx';
import { type ImageLoads, loadImage } from '../features/images/load-image.ts';
import { postImage } from '../features/images/post-image.ts';
import { maxImageBytes } from '../features/images/prepare-image.ts';
import { Composer } from '../features/messages/composer.tsx';
import { useRoomMembers } from '../features/messages/mentions/use-room-members.ts';
import { MessageList } from '../features/messages/message-list.tsx';
import { RoomReadMarks } from '../features/messages/read-marks.ts';
import { replyToOf } from '../features/messages/reply-excerpt.ts';
import { RoomHistoryShare } from '../features/messages/room-history-share.ts';
import { RoomTimeline } from '../features/messages/room-timeline.ts';
import { ThreadPanel } from '../features/messages/thread-panel.tsx';
import type { TimelineItem } from '../features/messages/timeline-item.ts';
import { RoomRolesView } from '../features/presence/room-roles.ts';
import { JoinRequests } from '../features/secure/join-requests.tsx';
import { MembershipNotice } from '../features/secure/membership-notice.tsx';
import { RoomMembership } from '../features/secure/room-membership.ts';
import { StickerShelf } from '../features/stickers/sticker-library.ts';
import { stickerMessage } from '../features/stickers/sticker-message.ts';
import { StickerPicker } from '../features/stickers/sticker-picker.tsx';
import { StickerView } from '../features/stickers/sticker-view.tsx';
import { postVoice } from '../features/voice/post-voice.ts';
import { VoiceButton } from '../features/voice/voice-button.tsx';
import { type LoadVoice, VoiceView } from '../features/voice/voice-view.tsx';
import { useAppState } from '../session/app-state-context.ts';
import { mayDelete } from '../session/delete-rule.ts';
import { roomKey } from '../session/room-entry.ts';
import type { ServerSession } from '../session/server-session.ts';

type Props = {
  session: ServerSession;
  address: RoomAddress;
  /** The URL fragment the room was added with (may hold an invite key). */
  invite?: string | undefined;
  /** The password "Create new room" was given, taken once when the group is created. */
  takePassword(): string | undefined;
  /** Where image bubbles' fetches are counted and shared (one per app). */
  imageLoads: ImageLoads;
  /** The room's read mark when it was opened (where the "New messages" divider goes). */
  readUpTo?: number | undefined;
  /** After the view closed (it leaves the room): the room list joins again to count unread. */
  onLeave?(): void;
  /** A member offers files here (the frame alerts a hidden tab). */
  onFileOffer?(info: TransferInfo): void;
};

/**
 * An open room, composed by the frame from the features: membership, messages, history
 * sharing, files and images, once this device is in the room's group.
 */
export function RoomView(props: Props) {
  const { session, address } = props;
  const { own, profiles, focus } = useAppState();
  const target = focus.target.value;
  const key = roomKey(address.server, address.room);
  const room = useMemo(() => session.room(address.room), [session, address.room]);
  const openPeers = useMemo(() => () => session.peers(address.room), [session, address.room]);
  // The image bubbles' share of the room's peers (files and history hold their own).
  const images = useMemo(() => openPeers(), [openPeers]);
  useEffect(() => () => images.release(), [images]);
  // Files offered from the paperclip, and long texts sent as a file from the composer.
  const onFileOffer = useRef(props.onFileOffer);
  onFileOffer.current = props.onFileOffer;
  const files = useMemo(
    () => new RoomFiles(openPeers, (info) => onFileOffer.current?.(info)),
    [openPeers],
  );
  // Link previews: only when this person turned them on and this server offers them.
  const previewsOn = own.linkPreviews.value && session.rooms.previews.offered;
  const previews = useMemo(
    () => (previewsOn ? session.rooms.previews : undefined),
    [previewsOn, session],
  );
  const membership = useMemo(
    () => new RoomMembership(room, () => own.displayName.value),
    [room, own],
  );
  const timeline = useMemo(() => new RoomTimeline(room), [room]);
  const readMarks = useMemo(
    () => new RoomReadMarks(room, () => own.readReceipts.value),
    [room, own],
  );
  useEffect(() => () => readMarks.dispose(), [readMarks]);
  const history = useMemo(
    () => new RoomHistoryShare(room, openPeers, timeline, () => own.shareHistory.value),
    [room, openPeers, timeline, own],
  );
  useEffect(() => {
    void history.start();
    return () => history.dispose();
  }, [history]);
  const [scrollToken, setScrollToken] = useState(0);
  // The message the composer is answering, and the name it shows for its author.
  const [replying, setReplying] = useState<{ to: ReplyTo; name: string } | undefined>();
  // The own message being edited in the composer, and the open thread (its root's key).
  const [editing, setEditing] = useState<TimelineItem | undefined>();
  const [thread, setThread] = useState<string | undefined>();
  /** A reply in the open thread to show highlighted (a search result inside a thread). */
  const [threadFocus, setThreadFocus] = useState<{ key: string; token: number }>();
  const members = useRoomMembers(room, timeline);
  const roles = useMemo(() => new RoomRolesView(room), [room]);
  useEffect(() => () => roles.dispose(), [roles]);
  const onLeave = useRef(props.onLeave);
  onLeave.current = props.onLeave;
  const invite = useRef(props.invite);
  const takePassword = useRef(props.takePassword);
  useEffect(() => {
    void membership.start(invite.current, takePassword.current());
    void timeline.start();
    return () => {
      membership.dispose();
      timeline.dispose();
      onLeave.current?.();
    };
  }, [membership, timeline]);
  const state = membership.state.value;
  const connection = session.status.value.state;
  const online = connection !== 'offline' && connection !== 'closed';
  const me = timeline.me;
  const more = {
    myName: own.displayName.value,
    mentionNames: members.name,
    edit: (item: TimelineItem) => {
      setReplying(undefined);
      setEditing(item);
    },
    remove: (item: TimelineItem) => void timeline.remove(item, own.displayName.value),
    mayDelete: (item: TimelineItem) => mayDelete(roles.roles.value, me, item.from),
    openThread: (item: TimelineItem) => {
      setThread(item.key);
      setThreadFocus(undefined);
    },
  };
  // The app server's sticker library, fetched once for the picker and the sticker bubbles.
  const stickers = useMemo(() => new StickerShelf(), []);
  const loadVoice: LoadVoice = (voice, progress) =>
    loadImage(voice, images.peers, props.imageLoads, progress);
  const renderImage = (media: MediaContent) => {
    switch (media.type) {
      case 'image':
        return <ImageView image={media} peers={images.peers} loads={props.imageLoads} />;
      case 'sticker':
        return <StickerView sticker={media} shelf={stickers} />;
      case 'voice':
        return <VoiceView voice={media} load={loadVoice} />;
    }
  };
  return (
    <main class={`room ${thread ? 'with-thread' : ''}`}>
      {state.kind === 'member' && <JoinRequests members={room} />}
      {state.kind === 'waiting' || state.kind === 'failed' || state.kind === 'checking' ? (
        <MembershipNotice
          state={state}
          onPassword={(password) => void membership.joinWithPassword(password)}
        />
      ) : (
        <MessageList
          timeline={timeline}
          history={history}
          scrollToEndToken={scrollToken}
          focus={target?.room === key ? target : undefined}
          onFocusThread={(rootKey, replyKey) => {
            setThread(rootKey);
            setThreadFocus((f) => ({ key: replyKey, token: (f?.token ?? 0) + 1 }));
          }}
          readUpTo={props.readUpTo}
          readMarks={own.readReceipts.value ? readMarks : undefined}
          blocked={session.blocks.blocked.value}
          onReply={(item, text) =>
            setReplying({
              to: replyToOf(item, text),
              name: item.own ? 'yourself' : profiles.nameOf(item.from, item.name),
            })
          }
          onReact={(item, emoji) => void timeline.react(item, emoji, own.displayName.value)}
          more={more}
          renderImage={renderImage}
        />
      )}
      {thread && state.kind !== 'waiting' && state.kind !== 'failed' && (
        <ThreadPanel
          key={thread}
          timeline={timeline}
          rootKey={thread}
          focus={threadFocus}
          actions={{
            ...more,
            me,
            reply: () => document.getElementById('thread-composer-text')?.focus(),
            react: (item, emoji) => void timeline.react(item, emoji, own.displayName.value),
            jump: () => undefined,
          }}
          online={online}
          disabled={state.kind !== 'member'}
          members={members.others}
          mentionable={members.name}
          renderImage={renderImage}
          previews={previews}
          onSend={(text, mentions, root, preview) =>
            timeline.send(text, own.displayName.value, undefined, {
              thread: root,
              mentions,
              preview,
            })
          }
          onEdit={(item, text, mentions) =>
            timeline.edit(item, text, own.displayName.value, mentions)
          }
          onClose={() => {
            setThread(undefined);
            setThreadFocus(undefined);
          }}
        />
      )}
      {state.kind === 'removed' && <MembershipNotice state={state} />}
      <FilesBar peers={openPeers} files={files}>
        <ImagePicker
          disabled={state.kind !== 'member'}
          maxBytes={maxImageBytes(session.rooms.blobs.maxBytes)}
          onSendAsFile={(file) => {
            files.send([
              new File([file], `image.${file.type.split('/')[1] ?? 'bin'}`, { type: file.type }),
            ]);
          }}
          onSend={async (image, caption) => {
            const content = await postImage(room, image, caption, own.displayName.value);
            await timeline.sendContent(content);
            setScrollToken((t) => t + 1);
          }}
        />
        <StickerPicker
          shelf={stickers}
          disabled={state.kind !== 'member'}
          onSend={async (sticker) => {
            await timeline.sendContent(stickerMessage(sticker, own.displayName.value));
            setScrollToken((t) => t + 1);
          }}
        />
        <VoiceButton
          disabled={state.kind !== 'member'}
          onSend={async (recording) => {
            const content = await postVoice(
              room,
              recording,
              session.rooms.blobs.maxBytes,
              own.displayName.value,
            );
            await timeline.sendContent(content);
            setScrollToken((t) => t + 1);
          }}
        />
      </FilesBar>
      <Composer
        // Only a lost connection looks offline; while (re)connecting it sends soon anyway.
        online={online}
        disabled={state.kind !== 'member'}
        replying={replying && { name: replying.name, excerpt: replying.to.excerpt }}
        onCancelReply={() => setReplying(undefined)}
        members={members.others}
        onSendAsFile={(text) =>
          files.send([new File([text], 'message.txt', { type: 'text/plain' })]) > 0
        }
        editing={
          editing && {
            key: editing.key,
            text: editing.text,
            mentions: members.name(editing.mentions ?? []),
          }
        }
        onCancelEdit={() => setEditing(undefined)}
        onEditLast={() => {
          const last = timeline.items.value.findLast(
            (i) =>
              i.own && i.status === 'sent' && !i.deleted && !i.image && !i.unreadable && !!i.text,
          );
          if (last) more.edit(last);
        }}
        previews={previews}
        onSend={async (text, mentions, preview) => {
          if (editing) {
            await timeline.edit(editing, text, own.displayName.value, mentions);
            setEditing(undefined);
            return;
          }
          await timeline.send(text, own.displayName.value, replying?.to, { mentions, preview });
          setReplying(undefined);
          setScrollToken((t) => t + 1);
        }}
      />
    </main>
  );
}

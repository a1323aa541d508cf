import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PeerShare } from '../../session/room-ports.ts';
import { RoomFiles } from './room-files.ts';
import { TransferCard } from './transfer-card.tsx';
import './files.css';

/**
 * Above the composer: the paperclip that sends files to the room's online members, the
 * drop target, and the list of transfers in both directions.
 */
export function FilesBar(props: {
  /** Takes a share of the open room's peer connections. */
  peers: () => PeerShare;
  /** More buttons in the same row (the image picker), given a way to offer files. */
  children?: ComponentChildren | ((sendFiles: (files: File[]) => void) => ComponentChildren);
}) {
  const files = useMemo(() => new RoomFiles(props.peers), [props.peers]);
  const input = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  useEffect(() => {
    void files.start();
    return () => files.dispose();
  }, [files]);

  const offer = (list: File[]) => {
    const peers = files.send(list);
    setNotice(peers === 0 ? 'Nobody else is online in this room to receive files.' : undefined);
  };

  useEffect(() => {
    // Drag and drop anywhere on the page while the room is open.
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      offer([...(e.dataTransfer?.files ?? [])]);
    };
    document.addEventListener('dragover', onOver);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('dragover', onOver);
      document.removeEventListener('drop', onDrop);
    };
  });

  const transfers = files.transfers.value;
  const downloads = files.downloads.value;
  return (
    <div class="files-bar">
      {transfers.length > 0 && (
        <section class="transfers" aria-label="File transfers">
          {transfers.map((t) => (
            <TransferCard key={t.id} info={t} files={files} downloads={downloads.get(t.id) ?? []} />
          ))}
        </section>
      )}
      {notice && (
        <p class="files-notice" role="alert">
          {notice}
        </p>
      )}
      <button
        type="button"
        class="attach-button"
        aria-label="Attach files"
        title="Send files to the people online here"
        onClick={() => input.current?.click()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path
            d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linecap="round"
          />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        class="visually-hidden"
        aria-label="Files to send"
        onChange={(e) => {
          const el = e.target as HTMLInputElement;
          offer([...(el.files ?? [])]);
          el.value = '';
        }}
      />
      {typeof props.children === 'function' ? props.children(offer) : props.children}
    </div>
  );
}

import type { Sticker } from '@yam/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Popover } from '../../ui/popover.tsx';
import { recentStickerHashes, rememberSticker } from './recent-stickers.ts';
import { previewUrl, type StickerLibrary, type StickerShelf } from './sticker-library.ts';
import { recentStickers, searchStickers } from './sticker-search.ts';
import './stickers.css';

/** Grid cells rendered at first; more follow as the grid scrolls (1,000-sticker libraries). */
const PAGE = 60;
const RECENT = 'recent';

/** The "Stickers" button beside "Send an image" and its picker (a bottom sheet on phones). */
export function StickerPicker(props: {
  shelf: StickerShelf;
  disabled?: boolean;
  onSend(sticker: Sticker): Promise<void>;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    // Fetched ahead, so the picker opens with its previews at once.
    void props.shelf.load().catch(() => undefined);
  }, [props.shelf]);
  return (
    <>
      <button
        ref={button}
        type="button"
        class="image-button sticker-button"
        aria-label="Stickers"
        title="Stickers"
        aria-expanded={open}
        disabled={props.disabled}
        onClick={() => setOpen(!open)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path
            d="M20 12.5V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h6.5M20 12.5 12.5 20M20 12.5h-5.5a2 2 0 0 0-2 2V20M9 9.5v.01M15 9.5v.01M8.5 14a4.5 4.5 0 0 0 2.5 1.9"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </svg>
      </button>
      {open && (
        <StickerPanel
          shelf={props.shelf}
          anchor={button.current}
          onClose={(refocus) => {
            setOpen(false);
            if (refocus) button.current?.focus();
          }}
          onSend={async (sticker) => {
            await props.onSend(sticker);
            rememberSticker(sticker.hash);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; library: StickerLibrary }
  | { kind: 'failed'; message: string };

function StickerPanel(props: {
  shelf: StickerShelf;
  anchor: HTMLElement | null;
  onClose(refocus: boolean): void;
  onSend(sticker: Sticker): Promise<void>;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState('');
  const [tab, setTab] = useState<string | undefined>(undefined);
  const [limit, setLimit] = useState(PAGE);
  const [sending, setSending] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [recent] = useState(recentStickerHashes);
  const search = useRef<HTMLInputElement>(null);
  const sentinel = useRef<HTMLLIElement>(null);

  useEffect(() => {
    let live = true;
    props.shelf.load().then(
      (library) => live && setLoaded({ kind: 'ready', library }),
      () =>
        live &&
        setLoaded({
          kind: 'failed',
          message:
            'Stickers could not be loaded from the server. Check your connection and try again.',
        }),
    );
    search.current?.focus();
    return () => {
      live = false;
    };
  }, [attempt]);

  const library = loaded.kind === 'ready' ? loaded.library : undefined;
  const recentList = useMemo(
    () => (library ? recentStickers(recent, library.byHash) : []),
    [library, recent],
  );
  const tabs = useMemo(() => {
    const list = (library?.categories ?? []).map((c) => ({ id: c.id, name: c.name }));
    return recentList.length > 0 ? [{ id: RECENT, name: 'Recently used' }, ...list] : list;
  }, [library, recentList]);
  const current = tab ?? tabs[0]?.id;
  const shown = useMemo(() => {
    if (!library) return [];
    if (query.trim()) return searchStickers(library.byHash.values(), query);
    if (current === RECENT) return recentList;
    return library.categories.find((c) => c.id === current)?.stickers ?? [];
  }, [library, query, current, recentList]);

  useEffect(() => setLimit(PAGE), [query, current]);
  useEffect(() => {
    const end = sentinel.current;
    if (!end || limit >= shown.length) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + PAGE);
    });
    observer.observe(end);
    return () => observer.disconnect();
  }, [shown, limit]);

  async function send(sticker: Sticker) {
    setSending(sticker.hash);
    setError(undefined);
    try {
      await props.onSend(sticker);
    } catch {
      setError('The sticker was not sent. Check your connection and try again.');
    } finally {
      setSending(undefined);
    }
  }

  return (
    <Popover anchor={props.anchor} sheetOnPhone class="sticker-picker" onClose={props.onClose}>
      <div role="dialog" aria-label="Stickers" class="sticker-panel">
        <input
          ref={search}
          type="search"
          class="sticker-search"
          placeholder="Search stickers"
          aria-label="Search stickers"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        {!query.trim() && tabs.length > 1 && (
          <div class="sticker-tabs" role="tablist" aria-label="Sticker categories">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={t.id === current}
                class="sticker-tab"
                onClick={() => setTab(t.id)}
              >
                {t.name}
              </button>
            ))}
          </div>
        )}
        {loaded.kind === 'loading' && (
          <p class="sticker-note" role="status">
            <progress /> Loading stickers…
          </p>
        )}
        {loaded.kind === 'failed' && (
          <p class="sticker-note" role="alert">
            {loaded.message}{' '}
            <button type="button" class="link-button" onClick={() => setAttempt((a) => a + 1)}>
              Try again
            </button>
          </p>
        )}
        {library && library.categories.length === 0 && (
          <p class="sticker-note">This server has no stickers yet. Its operator can add a pack.</p>
        )}
        {library && query.trim() && shown.length === 0 && (
          <p class="sticker-note">No stickers match “{query.trim()}”.</p>
        )}
        {error && (
          <p class="sticker-note error" role="alert">
            {error}
          </p>
        )}
        <ul class="sticker-grid" aria-label={query.trim() ? 'Search results' : 'Stickers'}>
          {shown.slice(0, limit).map((s) => (
            <li key={s.hash}>
              <button
                type="button"
                class="sticker-cell"
                aria-label={s.name}
                title={s.name}
                disabled={sending !== undefined}
                aria-busy={sending === s.hash}
                onClick={() => void send(s)}
              >
                <img src={previewUrl(s)} alt="" loading="lazy" width={64} height={64} />
                {s.animated && (
                  <span class="sticker-gif-badge" aria-hidden="true">
                    GIF
                  </span>
                )}
              </button>
            </li>
          ))}
          {limit < shown.length && <li ref={sentinel} class="sticker-more" aria-hidden="true" />}
        </ul>
      </div>
    </Popover>
  );
}

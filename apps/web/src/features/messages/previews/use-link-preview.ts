import type { LinkPreview } from '@yam/client';
import { isYamError } from '@yam/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { findLink } from './find-link.ts';

/** Fetches a preview; the composer gets one when the person turned previews on. */
export type PreviewSource = { fetch(url: string): Promise<LinkPreview> };

export type LinkPreviewState =
  | { kind: 'none' }
  | { kind: 'loading'; url: string }
  | { kind: 'ready'; url: string; preview: LinkPreview }
  | { kind: 'failed'; url: string; message: string };

/** Waits this long after the link last changed (typing) before asking the server. */
const SETTLE_MS = 500;

/** What to tell the person when no preview came, in words (never the error's code). */
function failureText(error: unknown): string {
  if (isYamError(error, 'PREVIEW_REFUSED')) {
    return 'No preview: Yam does not fetch this kind of link. It sends as a plain link.';
  }
  if (isYamError(error, 'RATE_LIMITED')) {
    return 'No preview: too many previews just now. Wait a few seconds, or send it as a plain link.';
  }
  if (isYamError(error, 'PREVIEW_OFF')) {
    return 'No preview: this server no longer makes previews. It sends as a plain link.';
  }
  return 'No preview: that site did not answer in time or is not a web page. It sends as a plain link.';
}

/**
 * The preview of the first link in `text`: asked for once the link stops changing, kept
 * while it stays, forgotten when it goes. A removed link is not asked for again until
 * `reset()` (after sending).
 */
export function useLinkPreview(text: string, source: PreviewSource | undefined) {
  const link = source ? findLink(text) : undefined;
  const [state, setState] = useState<LinkPreviewState>({ kind: 'none' });
  const removed = useRef(new Set<string>());
  const live = link && !removed.current.has(link) ? link : undefined;

  useEffect(() => {
    if (!live || !source) {
      setState({ kind: 'none' });
      return;
    }
    let current = true;
    setState({ kind: 'loading', url: live });
    const timer = setTimeout(() => {
      source.fetch(live).then(
        (preview) => {
          if (!current) return;
          const empty = !preview.title && !preview.description && !preview.image;
          setState(
            empty
              ? {
                  kind: 'failed',
                  url: live,
                  message: 'No preview: that page says nothing about itself.',
                }
              : { kind: 'ready', url: live, preview },
          );
        },
        (error: unknown) => {
          if (current) setState({ kind: 'failed', url: live, message: failureText(error) });
        },
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [live, source]);

  return {
    state,
    /** "Remove preview": this link goes without one. */
    remove() {
      if (live) removed.current.add(live);
      setState({ kind: 'none' });
    },
    /** After sending: every link may get a preview again. */
    reset() {
      removed.current.clear();
      setState({ kind: 'none' });
    },
    /** The preview to send with the text, when one is shown. */
    ready: state.kind === 'ready' && state.url === live ? state.preview : undefined,
  };
}

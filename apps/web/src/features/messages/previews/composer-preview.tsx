import { LinkPreviewCard } from './link-preview-card.tsx';
import type { LinkPreviewState } from './use-link-preview.ts';

type Props = { state: LinkPreviewState; onRemove(): void };

/** Above the message field: the preview being made, made, or why there is none. */
export function ComposerPreview({ state, onRemove }: Props) {
  if (state.kind === 'none') return null;
  if (state.kind === 'ready')
    return <LinkPreviewCard preview={state.preview} onRemove={onRemove} />;
  if (state.kind === 'loading') {
    return (
      <div class="link-preview in-composer loading" role="status">
        <span class="link-preview-spinner" aria-hidden="true" />
        <span class="link-preview-note">Getting a preview of this link…</span>
        <RemoveButton onRemove={onRemove} />
      </div>
    );
  }
  return (
    <div class="link-preview in-composer failed" role="status">
      <span class="link-preview-note">{state.message}</span>
      <RemoveButton onRemove={onRemove} />
    </div>
  );
}

function RemoveButton({ onRemove }: { onRemove(): void }) {
  return (
    <button type="button" class="icon-button" aria-label="Remove preview" onClick={onRemove}>
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" fill="none" />
      </svg>
    </button>
  );
}

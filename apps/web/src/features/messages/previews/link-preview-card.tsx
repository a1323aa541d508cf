import type { LinkPreview } from '@yam/client';
import { previewImageUrl } from './preview-image-url.ts';
import './previews.css';

type Props = {
  preview: LinkPreview;
  /** In the composer: removes the preview before sending. */
  onRemove?(): void;
};

/** The host a preview is of, shown small above its title. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/**
 * A link's preview as its sender got it: site, title, description and a small image from
 * bytes inside the message (a data: URL), so showing it fetches nothing. [P-PREV5]
 */
export function LinkPreviewCard({ preview, onRemove }: Props) {
  const image = previewImageUrl(preview.image);
  const site = preview.siteName ?? hostOf(preview.url);
  return (
    <div class={`link-preview ${onRemove ? 'in-composer' : ''}`} data-testid="link-preview">
      {image && <img class="link-preview-image" src={image} alt="" />}
      <div class="link-preview-text">
        <span class="link-preview-site">{site}</span>
        {preview.title && (
          <a
            class="link-preview-title"
            href={preview.url}
            target="_blank"
            rel="noopener noreferrer nofollow"
          >
            {preview.title}
          </a>
        )}
        {preview.description && <p class="link-preview-description">{preview.description}</p>}
      </div>
      {onRemove && (
        <button type="button" class="icon-button" aria-label="Remove preview" onClick={onRemove}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" fill="none" />
          </svg>
        </button>
      )}
    </div>
  );
}

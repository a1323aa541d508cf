import { useAppState } from '../../session/app-state-context.ts';

/**
 * The Profile dialog's "Link previews": off by default, and shown only when the open
 * room's server offers previews. On, the server fetches the links pasted in the composer
 * and so sees them. [P-PREV1]
 */
export function LinkPreviewsToggle({ offered }: { offered: boolean }) {
  const { own } = useAppState();
  if (!offered) return null;
  return (
    <label class="field share-history">
      <input
        type="checkbox"
        checked={own.linkPreviews.value}
        onChange={(e) => own.saveLinkPreviews(e.currentTarget.checked)}
      />
      <span>Link previews</span>
      <small class="hint">
        Yam's server will fetch links you paste to make a preview; it sees those URLs.
      </small>
    </label>
  );
}

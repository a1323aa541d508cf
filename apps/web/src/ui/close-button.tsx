/** The × button of a dialog or panel header; `class` adds the header's own placement class. */
export function CloseButton(props: { class: string; onClick: () => void }) {
  return (
    <button
      type="button"
      class={`icon-button ${props.class}`}
      aria-label="Close"
      onClick={props.onClick}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" fill="none" />
      </svg>
    </button>
  );
}

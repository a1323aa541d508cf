/** "3 replies" under a thread's root: opens the thread. */
export function ThreadLink(props: { count: number; onOpen(): void }) {
  return (
    <button type="button" class="thread-link" onClick={props.onOpen}>
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="M4 4h12a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H9l-4 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"
          fill="currentColor"
        />
      </svg>
      {props.count === 1 ? '1 reply' : `${props.count} replies`}
    </button>
  );
}

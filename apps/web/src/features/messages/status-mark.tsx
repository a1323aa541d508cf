/** Clock while a message waits in the outbox; tick once the server stored it. */
export function StatusMark(props: { status: 'pending' | 'sent' }) {
  if (props.status === 'pending') {
    return (
      <svg class="status-mark pending" viewBox="0 0 16 16" role="img" aria-label="Sending">
        <title>Waiting to send</title>
        <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="1.6" />
        <path d="M8 4.5V8l2.4 1.6" fill="none" stroke="currentColor" stroke-width="1.6" />
      </svg>
    );
  }
  return (
    <svg class="status-mark sent" viewBox="0 0 16 16" role="img" aria-label="Sent">
      <title>Stored by the server</title>
      <path d="M3 8.5l3.2 3L13 4.5" fill="none" stroke="currentColor" stroke-width="1.9" />
    </svg>
  );
}

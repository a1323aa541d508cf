/** "@" beside a room with unread mentions of you (with how many for screen readers). */
export function MentionBadge(props: { count: number; where?: string }) {
  if (props.count <= 0) return null;
  const label = `${props.count} ${props.count === 1 ? 'mention' : 'mentions'} of you${props.where ?? ''}`;
  return (
    <span class="mention-badge" title={label}>
      <span aria-hidden="true">@</span>
      <span class="visually-hidden">{label}</span>
    </span>
  );
}

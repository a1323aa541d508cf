import { useAppState } from '../../session/app-state-context.ts';
import { defaultDisplayName } from '../../session/display-name.ts';
import type { MembershipLine } from '../../session/room-ports.ts';
import { fullTime, shortTime } from './format-time.ts';
import { membershipText } from './membership-text.ts';

/** A centred grey line among the messages: "Alice removed Carol", "Carol left". */
export function MembershipLineView(props: { line: MembershipLine; me: string }) {
  const { profiles } = useAppState();
  // The names the member list shows; profiles rename the line live.
  const text = membershipText(props.line, props.me, (id) =>
    profiles.nameOf(id, defaultDisplayName(id)),
  );
  return (
    <p class="system-line">
      <span class="system-text">{text}</span>
      <time dateTime={new Date(props.line.ts).toISOString()} title={fullTime(props.line.ts)}>
        {shortTime(props.line.ts)}
      </time>
    </p>
  );
}

/** In place of a blocked person's message: a collapsed line, and "Show" to read it anyway. */
export function BlockedMessage(props: { onShow(): void }) {
  return (
    <p class="system-line blocked-message">
      <span class="system-text">Message from a blocked person</span>
      <button type="button" class="link-button" onClick={props.onShow}>
        Show
      </button>
    </p>
  );
}

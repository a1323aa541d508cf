import type { MembershipLine } from '../../session/room-ports.ts';

/**
 * The words of a timeline line for a membership change: "Alice removed Carol",
 * "Carol left", "You added Dave and Erin", "Alice removed you". `nameOf` gives the name
 * the member list shows; this device is "You"/"you".
 */
export function membershipText(
  line: MembershipLine,
  me: string,
  nameOf: (clientId: string) => string,
): string {
  const who = (id: string) => (id === me ? 'you' : nameOf(id));
  const list = (ids: readonly string[]) => joinNames(ids.map(who));
  const by = who(line.by);
  const parts: string[] = [];
  if (line.added.length > 0) parts.push(`added ${list(line.added)}`);
  if (line.removed.length > 0 && !line.left) parts.push(`removed ${list(line.removed)}`);
  const left = line.left && line.removed.length > 0 ? `${list(line.removed)} left` : '';
  const text = parts.length > 0 ? `${by} ${parts.join(' and ')}` : '';
  return capitalise([left, text].filter(Boolean).join('; '));
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function capitalise(text: string): string {
  return text.startsWith('you') ? `Y${text.slice(1)}` : text;
}

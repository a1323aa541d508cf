import { textOn } from './contrast.ts';
import './avatar.css';

/** Up to two initials of a name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length > 1 ? [words[0]![0], words.at(-1)![0]] : [...(words[0] ?? '?')].slice(0, 1);
  return letters.join('').toUpperCase();
}

type Props = {
  name: string;
  colour: string | undefined;
  /** The photo's URL once it is here (a downloaded avatar, or this device's own). */
  src?: string | undefined;
  size?: 'small' | 'large';
};

/** A round avatar: the photo once it is here, else initials on the profile colour. */
export function Avatar(props: Props) {
  const src = props.src;
  const colour = props.colour ?? '#7a6d64';
  const cls = `avatar ${props.size === 'large' ? 'avatar-large' : ''}`;
  if (src) return <img class={cls} src={src} alt={`${props.name}'s avatar`} />;
  return (
    <span
      class={cls}
      role="img"
      aria-label={`${props.name}'s initials`}
      style={{ 'background-color': colour, color: textOn(colour).text }}
    >
      {initials(props.name)}
    </span>
  );
}

import type { ComponentChildren } from 'preact';
import { YamLogo } from '../ui/yam-logo.tsx';
import './frame.css';

type Props = {
  title: string;
  /** Under the title: the connection status. */
  subtitle?: ComponentChildren;
  menuOpen: boolean;
  onMenu(): void;
  onHome(): void;
  searchOpen?: boolean;
  onSearch?(): void;
  /** Omitted when no room is open. */
  settingsOpen?: boolean;
  onSettings?(): void;
  /** The app is still loading (the shell): its buttons wait, disabled, rather than do nothing. */
  busy?: boolean;
};

/** The frame's top bar: menu, logo and name at the left, room in the centre, cog at the right. */
export function Header(props: Props) {
  return (
    <header class="app-header">
      <div class="header-start">
        <button
          type="button"
          class="icon-button"
          aria-label="Profile"
          aria-expanded={props.menuOpen}
          disabled={props.busy}
          data-panel-toggle
          onClick={props.onMenu}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" stroke-width="2" />
          </svg>
        </button>
        <button
          type="button"
          class="brand"
          aria-label="Yam home"
          disabled={props.busy}
          onClick={props.onHome}
        >
          <YamLogo />
          <span class="brand-name">Yam</span>
        </button>
      </div>
      <div class="header-centre">
        {props.title && <h1 class="room-title">{props.title}</h1>}
        {props.subtitle}
      </div>
      <div class="header-end">
        {props.onSearch && (
          <button
            type="button"
            class="icon-button"
            aria-label="Search messages"
            aria-expanded={props.searchOpen}
            data-panel-toggle
            onClick={props.onSearch}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <circle
                cx="10.5"
                cy="10.5"
                r="6"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
              />
              <path
                d="m15 15 5.5 5.5"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
              />
            </svg>
          </button>
        )}
        {props.onSettings && (
          <button
            type="button"
            class="icon-button"
            aria-label="Room settings"
            aria-expanded={props.settingsOpen}
            data-panel-toggle
            onClick={props.onSettings}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path
                d="M12 15.2a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4zm7.4-2.2.1-1-.1-1 2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1l-.4-2.7h-4l-.4 2.7c-.6.3-1.2.6-1.7 1l-2.5-1-2 3.5L4.6 11l-.1 1 .1 1-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.7 1.7 1l.4 2.7h4l.4-2.7c.6-.3 1.2-.6 1.7-1l2.5 1 2-3.5z"
                fill="none"
                stroke="currentColor"
                stroke-width="1.6"
                stroke-linejoin="round"
              />
            </svg>
          </button>
        )}
      </div>
    </header>
  );
}

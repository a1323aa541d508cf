// Base styles first, so component stylesheets (imported by the components) come after.
import './app/app.css';
import './ui/controls.css';
import { render } from 'preact';
import { AppShell } from './app/app-shell.tsx';
import { NotSecure } from './app/not-secure.tsx';
import { shellRoomName } from './app/shell-room-name.ts';
import { insecurePage } from './platform/secure-context.ts';

const root = document.getElementById('app')!;

/**
 * Paints the shell at once, then loads the app (SDK, MLS stack, zod) in parallel and lets
 * it render over the shell. This file and what it imports are all the first paint waits
 * for: keep the SDK, @yam/crypto and @yam/protocol out of it (first-paint.test.ts checks;
 * ./yam bench --web measures).
 */
function startApp(): void {
  let booted = false;
  render(<AppShell roomName={undefined} />, root);
  void shellRoomName(location.search).then((name) => {
    if (!booted && name !== undefined) render(<AppShell roomName={name} />, root);
  });
  import('./app/boot.tsx').then(
    ({ boot }) => {
      booted = true;
      return boot(root).catch((error: unknown) =>
        fatal(
          `Yam could not open this browser's storage (${(error as Error).message}). Allow site data for this page, or leave private browsing, then reload.`,
        ),
      );
    },
    () => {
      booted = true;
      fatal('Yam could not load. Check your connection, then reload the page.');
    },
  );
}

/** Replaces the page with one sentence that says what to do. */
function fatal(text: string): void {
  root.textContent = '';
  const message = document.createElement('p');
  message.className = 'fatal';
  message.textContent = text;
  root.append(message);
}

// Without a secure context there is no Web Crypto: say so in words and start nothing.
const insecure = insecurePage();
if (insecure) render(<NotSecure page={insecure} />, root);
else startApp();

import { type ReadonlySignal, signal } from '@preact/signals';

/** Chromium's `beforeinstallprompt` event (not in the DOM typings). */
type InstallPromptEvent = Event & {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
};

export type InstallPrompt = {
  /** True while the browser offers to install Yam ("Install Yam" shows only then). */
  readonly available: ReadonlySignal<boolean>;
  /** Shows the browser's own install dialog. */
  install(): Promise<void>;
};

/** Keeps the browser's install offer for the "Install Yam" button; it fires only where installing is possible. */
export function watchInstallPrompt(): InstallPrompt {
  const available = signal(false);
  let offer: InstallPromptEvent | undefined;
  if (typeof window !== 'undefined') {
    window.addEventListener('beforeinstallprompt', (event) => {
      // The browser's own mini bar stays away; our button offers it instead.
      event.preventDefault();
      offer = event as InstallPromptEvent;
      available.value = true;
    });
    window.addEventListener('appinstalled', () => {
      offer = undefined;
      available.value = false;
    });
  }
  return {
    available,
    async install() {
      const current = offer;
      if (!current) return;
      await current.prompt();
      const choice = await current.userChoice;
      if (choice.outcome === 'accepted') {
        offer = undefined;
        available.value = false;
      }
    },
  };
}

// First of all, before any schema is built: the server's CSP forbids eval, so schemas
// must not probe for it.
import '@yam/protocol/parse-without-eval';
// Base styles first, so component stylesheets (imported by the components) come after.
import './app/app.css';
import './ui/controls.css';
import { render } from 'preact';
import { App } from './app/app.tsx';
import { NotSecure } from './app/not-secure.tsx';
import { loadOrCreateIdentity } from './platform/idb/idb-identity.ts';
import { insecurePage } from './platform/secure-context.ts';
import { createAppState } from './session/app-state.ts';
import { AppStateContext } from './session/app-state-context.ts';

const root = document.getElementById('app')!;

/** The app itself; the identity comes first: every connection signs with it and the default name uses it. */
function startApp(): void {
  loadOrCreateIdentity().then(
    (identity) => {
      const app = createAppState(identity);
      void app.start();
      render(
        <AppStateContext.Provider value={app}>
          <App />
        </AppStateContext.Provider>,
        root,
      );
    },
    (error: unknown) => {
      root.textContent = '';
      const message = document.createElement('p');
      message.className = 'fatal';
      message.textContent = `Yam could not open this browser's storage (${(error as Error).message}). Allow site data for this page, or leave private browsing, then reload.`;
      root.append(message);
    },
  );
}

// Without a secure context there is no Web Crypto: say so in words and start nothing.
const insecure = insecurePage();
if (insecure) render(<NotSecure page={insecure} />, root);
else startApp();

// First of all, before any schema is built: the server's CSP forbids eval, so schemas
// must not probe for it (this chunk is the first to bring zod).
import '@yam/protocol/parse-without-eval';
import { render } from 'preact';
import { loadOrCreateIdentity } from '../platform/idb/idb-identity.ts';
import { createAppState } from '../session/app-state.ts';
import { AppStateContext } from '../session/app-state-context.ts';
import { App } from './app.tsx';

/**
 * The app itself, loaded after the first paint (main.tsx imports it lazily: it brings the
 * SDK, MLS and zod). The identity comes first: every connection signs with it and the
 * default name uses it.
 */
export async function boot(root: HTMLElement): Promise<void> {
  const identity = await loadOrCreateIdentity();
  const app = createAppState(identity);
  void app.start();
  render(
    <AppStateContext.Provider value={app}>
      <App />
    </AppStateContext.Provider>,
    root,
  );
}

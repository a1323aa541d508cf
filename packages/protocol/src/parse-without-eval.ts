import { z } from 'zod/mini';

/**
 * Imported for its effect, before any schema exists (`@yam/protocol/parse-without-eval`):
 * every schema then parses without generated code. Zod otherwise probes `new Function`
 * when a schema is built, which a strict Content-Security-Policy (the web app's: no
 * 'unsafe-eval') reports as a violation. The parse results are the same either way.
 */
z.config({ jitless: true });

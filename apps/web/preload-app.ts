import type { Plugin } from 'vite';

type Chunk = {
  type: 'chunk';
  name: string;
  fileName: string;
  isDynamicEntry: boolean;
  imports: string[];
  viteMetadata?: { importedCss: Set<string> };
};

/**
 * Adds low-priority preload hints to index.html for the lazily imported chunk `name` (the
 * app: SDK, MLS, zod) and the chunks and stylesheets it needs. The first paint does not wait
 * for them; the browser fetches them beside the shell instead of only after main.tsx ran
 * and called `import()`, which would cost one more round trip on a slow network.
 */
export function preloadApp(name: string): Plugin {
  return {
    name: 'yam-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle as Record<string, { type: string }> | undefined;
        if (bundle === undefined) return [];
        const chunks = Object.values(bundle).filter((c): c is Chunk => c.type === 'chunk');
        const root = chunks.find((c) => c.isDynamicEntry && c.name === name);
        if (root === undefined) throw new Error(`preloadApp: no lazily imported chunk "${name}"`);
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (chunk: Chunk) => {
          if (scripts.has(chunk.fileName)) return;
          scripts.add(chunk.fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const file of chunk.imports) {
            const next = chunks.find((c) => c.fileName === file);
            if (next) visit(next);
          }
        };
        visit(root);
        // What the page loads anyway (the entry, shared chunks it imports) needs no hint.
        const hinted = (file: string) => !html.includes(`/${file}"`);
        return [
          ...[...styles].filter(hinted).map((href) => ({
            tag: 'link',
            attrs: {
              rel: 'preload',
              as: 'style',
              href: `./${href}`,
              fetchpriority: 'low',
              crossorigin: '',
            },
            injectTo: 'head' as const,
          })),
          ...[...scripts].filter(hinted).map((href) => ({
            tag: 'link',
            attrs: {
              rel: 'modulepreload',
              href: `./${href}`,
              fetchpriority: 'low',
              crossorigin: '',
            },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

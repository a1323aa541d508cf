/**
 * Texts at the message limit that make backtracking Markdown parsers go quadratic:
 * unclosed markers, deep quotes and lists, runs of link and e-mail candidates. The tests
 * parse them; bench/markdown/pathological.ts times them.
 */
export const PATHOLOGICAL_MARKDOWN: readonly string[] = [
  '*_~'.repeat(5_333),
  '*a '.repeat(5_333),
  '['.repeat(16_000),
  '`'.repeat(16_000),
  '> '.repeat(8_000),
  '- '.repeat(8_000),
  '_a'.repeat(8_000),
  'https://example.org/'.repeat(800),
  'a@b.co '.repeat(2_285),
  '<'.repeat(16_000),
  '\\*'.repeat(8_000),
];

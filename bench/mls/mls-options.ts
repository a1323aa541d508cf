/** The command-line flags shared by run.ts, run-node.ts and run-chromium.ts. */
export const MLS_FLAGS = {
  sizes: { type: 'string', default: '2,20,200' },
  messages: { type: 'string', default: '1000' },
  size: { type: 'string', default: '100' },
  reps: { type: 'string', default: '3' },
  paths: { type: 'string', default: 'web-crypto,pure-js' },
} as const;

/** The MLS crypto paths the bench can compare (see `useMlsCryptoPath` in @yam/crypto). */
export const MLS_PATHS = ['web-crypto', 'pure-js'] as const;
export type MlsBenchPath = (typeof MLS_PATHS)[number];

/** The scenario options the flags describe (without a progress callback). */
export type MlsRunOptions = {
  readonly sizes: number[];
  readonly messages: number;
  readonly payloadBytes: number;
  readonly reps: number;
  /** The crypto paths to run, each a full pass over the scenarios. */
  readonly paths: readonly MlsBenchPath[];
};

/** Parses and checks the flags; throws on a value the scenarios cannot run with. */
export function mlsOptionsFrom(values: {
  sizes?: string;
  messages?: string;
  size?: string;
  reps?: string;
  paths?: string;
}): MlsRunOptions {
  const int = (name: string, raw: string | undefined, min: number): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
    return n;
  };
  return {
    sizes: (values.sizes ?? '2,20,200').split(',').map((s) => int('sizes', s.trim(), 2)),
    messages: int('messages', values.messages ?? '1000', 1),
    payloadBytes: int('size', values.size ?? '100', 1),
    reps: int('reps', values.reps ?? '3', 1),
    paths: (values.paths ?? 'web-crypto,pure-js').split(',').map((raw) => {
      const path = MLS_PATHS.find((p) => p === raw.trim());
      if (path === undefined) throw new Error(`--paths takes ${MLS_PATHS.join(', ')}`);
      return path;
    }),
  };
}

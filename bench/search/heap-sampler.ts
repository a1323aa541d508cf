/**
 * Memory of the page under test, sampled while a bench runs: the main thread's JS heap
 * (CDP Runtime.getHeapUsage), its DOM node count (Memory.getDOMCounters), each worker's
 * JS heap where the browser exposes it, and the resident size of every Chromium process
 * this bench started (the renderer is the one that crashed as "Target crashed").
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';

export type HeapSample = {
  /** Milliseconds since the sampler started. */
  at: number;
  mainHeapMiB: number;
  domNodes: number;
  workerHeapMiB: number;
  rendererRssMiB: number;
};

const MiB = 1024 * 1024;

/** Resident MiB of the largest renderer process below this Node process (Linux /proc). */
export function rendererRssMiB(root = process.pid): number {
  const children = new Map<number, number[]>();
  const cmd = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      cmd.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      // The process ended while we looked.
    }
  }
  let largest = 0;
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (cmd.get(child)?.includes('--type=renderer')) {
        try {
          const status = readFileSync(`/proc/${child}/status`, 'utf8');
          const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
          largest = Math.max(largest, kb / 1024);
        } catch {
          // Gone.
        }
      }
      walk(child);
    }
  };
  walk(root);
  return largest;
}

/** Samples `page` every `everyMs` until stop(); print() shows the series and the peak. */
export class HeapSampler {
  readonly samples: HeapSample[] = [];
  readonly #page: Page;
  readonly #start = performance.now();
  #cdp: CDPSession | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #busy = false;

  constructor(page: Page) {
    this.#page = page;
  }

  /** With `live`, each sample is printed as it is taken (to see where a crash starts). */
  async start(everyMs = 3_000, live = false): Promise<this> {
    this.#cdp = await this.#page.context().newCDPSession(this.#page);
    this.#timer = setInterval(
      () =>
        void this.sample()
          .then((s) => live && s && console.log(this.#line(s)))
          .catch(() => undefined),
      everyMs,
    );
    return this;
  }

  async sample(): Promise<HeapSample | undefined> {
    if (!this.#cdp || this.#busy) return undefined;
    this.#busy = true;
    try {
      const heap = (await this.#cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const dom = (await this.#cdp.send('Memory.getDOMCounters')) as { nodes: number };
      let workers = 0;
      for (const worker of this.#page.workers()) {
        workers += await worker
          .evaluate(
            () =>
              (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
                ?.usedJSHeapSize ?? 0,
          )
          .catch(() => 0);
      }
      const s: HeapSample = {
        at: performance.now() - this.#start,
        mainHeapMiB: heap.usedSize / MiB,
        domNodes: dom.nodes,
        workerHeapMiB: workers / MiB,
        rendererRssMiB: rendererRssMiB(),
      };
      this.samples.push(s);
      return s;
    } finally {
      this.#busy = false;
    }
  }

  /** A sample after a forced full GC: what the page keeps, not what it has yet to free. */
  async settled(): Promise<HeapSample> {
    await this.#cdp?.send('HeapProfiler.collectGarbage');
    while (this.#busy) await new Promise((resolve) => setTimeout(resolve, 50));
    const s = await this.sample();
    if (!s) throw new Error('the page is gone');
    return s;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    void this.#cdp?.detach().catch(() => undefined);
  }

  peak(key: Exclude<keyof HeapSample, 'at'>): number {
    return Math.max(0, ...this.samples.map((s) => s[key]));
  }

  /** One line per sample (every `stride`th), for finding which part grows. */
  lines(stride = 1): string[] {
    return this.samples.filter((_, i) => i % stride === 0).map((s) => this.#line(s));
  }

  #line(s: HeapSample): string {
    return (
      `    t=${(s.at / 1000).toFixed(0).padStart(4)} s  main heap ${s.mainHeapMiB.toFixed(0).padStart(5)} MiB` +
      `  workers ${s.workerHeapMiB.toFixed(0).padStart(4)} MiB  DOM ${String(s.domNodes).padStart(6)}` +
      `  renderer RSS ${s.rendererRssMiB.toFixed(0).padStart(5)} MiB`
    );
  }
}

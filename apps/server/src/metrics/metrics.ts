import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** Live values read at scrape time. */
export type MetricSources = {
  openConnections(): number;
  authenticatedConnections(): number;
  turnAllocations(): number;
};

/** What is rate limited: frames on a socket, or a per-IP cap at the upgrade. */
export type RateLimitKind = 'frames' | 'upgrade';

/**
 * The server's Prometheus metrics, in a registry of its own (several servers may share a
 * process in tests). Counted whether or not anyone scrapes them; served by metrics-http.ts.
 * Labels never carry rooms, client IDs or addresses.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly framesIn: Counter;
  readonly framesOut: Counter;
  readonly messagesStored: Counter;
  readonly commits: Counter;
  readonly historyBytes: Counter;
  readonly rateLimited: Counter<'kind'>;
  readonly blobBytes: Counter;
  #sources: MetricSources = {
    openConnections: () => 0,
    authenticatedConnections: () => 0,
    turnAllocations: () => 0,
  };

  constructor() {
    const registers = [this.registry];
    const counter = (name: string, help: string) => new Counter({ name, help, registers });
    this.framesIn = counter('yam_frames_in_total', 'WebSocket frames received');
    this.framesOut = counter('yam_frames_out_total', 'WebSocket frames sent');
    this.messagesStored = counter(
      'yam_messages_stored_total',
      'room messages stored (not duplicates)',
    );
    this.commits = counter('yam_commits_total', 'MLS commits stored (not duplicates)');
    this.historyBytes = counter('yam_history_bytes_served_total', 'bytes of history pages sent');
    this.blobBytes = counter('yam_blob_bytes_stored_total', 'bytes of files (blobs) stored');
    this.rateLimited = new Counter({
      name: 'yam_rate_limited_total',
      help: 'requests refused by a rate limit or per-IP cap',
      labelNames: ['kind'],
      registers,
    });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge('yam_connections_open', 'open WebSocket connections', () =>
      this.#sources.openConnections(),
    );
    gauge('yam_connections_authenticated', 'open WebSocket connections past auth', () =>
      this.#sources.authenticatedConnections(),
    );
    gauge('yam_turn_allocations', 'live TURN allocations', () => this.#sources.turnAllocations());
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the gauges read from, once the parts exist. */
  observe(sources: Partial<MetricSources>): void {
    this.#sources = { ...this.#sources, ...sources };
  }
}

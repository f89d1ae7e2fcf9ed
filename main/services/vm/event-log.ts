/**
 * What happened to one VM, in plain words, for the UI's event view: bounded (the newest entries win) and,
 * when given a store, kept across restarts of Hako.
 */

export type EventLevel = 'info' | 'warning' | 'error';

export interface VmLogEntry {
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly level: EventLevel;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Where a log's entries are kept between runs (event-log-store.ts). */
export interface EventLogSink {
  load(): Promise<readonly VmLogEntry[]>;
  /** Called after each change with the whole bounded list; the sink decides when to write. */
  save(entries: readonly VmLogEntry[]): void;
}

export const EVENT_LOG_CAPACITY = 1_000;

export class EventLog {
  private entries: VmLogEntry[] = [];
  private restored: Promise<void> | null = null;

  constructor(
    private readonly sink: EventLogSink | null = null,
    private readonly capacity = EVENT_LOG_CAPACITY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Brings back the entries of earlier runs (once), before the ones of this run. */
  restore(): Promise<void> {
    this.restored ??= (async () => {
      if (this.sink === null) return;
      const earlier = await this.sink.load().catch(() => []);
      this.entries = [...earlier, ...this.entries].slice(-this.capacity);
    })();
    return this.restored;
  }

  add(level: EventLevel, message: string, details?: Readonly<Record<string, unknown>>): VmLogEntry {
    const entry: VmLogEntry = { time: this.now(), level, message, ...(details !== undefined ? { details } : {}) };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    this.sink?.save(this.entries);
    return entry;
  }

  list(): VmLogEntry[] {
    return [...this.entries];
  }
}

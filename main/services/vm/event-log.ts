/** A bounded, append-only log of what happened to one VM, for the UI's event view. */

export type EventLevel = 'info' | 'warning' | 'error';

export interface VmLogEntry {
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly level: EventLevel;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export class EventLog {
  private readonly entries: VmLogEntry[] = [];

  constructor(
    private readonly capacity = 200,
    private readonly now: () => number = Date.now,
  ) {}

  add(level: EventLevel, message: string, details?: Readonly<Record<string, unknown>>): VmLogEntry {
    const entry: VmLogEntry = { time: this.now(), level, message, ...(details !== undefined ? { details } : {}) };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return entry;
  }

  list(): VmLogEntry[] {
    return [...this.entries];
  }
}

/**
 * The VMs' event logs on disk: one small versioned file per VM in `<dataDir>/events/`, named by a hash of
 * the VM's path (the path itself is inside), written atomically a moment after the last change rather than
 * on every event.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { pathKey } from '../../../app/paths/identity.js';
import { JsonStore } from '../../files/json-store.js';
import { EVENT_LOG_CAPACITY, type EventLogSink, type VmLogEntry } from './event-log.js';

const entrySchema = z.object({
  time: z.number(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string().max(10_000),
  details: z.record(z.string(), z.unknown()).optional(),
});

interface LogFile {
  readonly path: string;
  readonly entries: readonly VmLogEntry[];
}

// Built once: a library of 1,000 VMs makes 1,000 stores at start-up.
const VERSIONS = [z.never(), z.object({ version: z.literal(1), path: z.string(), entries: z.array(entrySchema).max(EVENT_LOG_CAPACITY) })];

const spec = (vmPath: string) => ({
  fileName: `${createHash('sha256').update(pathKey(vmPath)).digest('hex').slice(0, 24)}.json`,
  versions: VERSIONS,
  migrations: [(document: unknown) => document],
  empty: (): LogFile => ({ path: vmPath, entries: [] }),
});

export class EventLogStore {
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; write: () => Promise<void> }>();
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly dataDir: string,
    private readonly delayMs = 250,
  ) {}

  /** The sink of one VM's log. */
  sinkFor(vmPath: string): EventLogSink {
    const store = new JsonStore<LogFile>(path.join(this.dataDir, 'events'), spec(vmPath), { fsync: false });
    const key = pathKey(vmPath);
    return {
      load: async () => {
        const { value } = await store.load();
        return pathKey(value.path) === key ? value.entries : [];
      },
      save: (entries) => {
        const snapshot = [...entries];
        const write = () => store.save({ path: vmPath, entries: snapshot }).catch(() => undefined);
        const previous = this.pending.get(key);
        if (previous) clearTimeout(previous.timer);
        const timer = setTimeout(() => this.run(key), this.delayMs);
        timer.unref();
        this.pending.set(key, { timer, write });
      },
    };
  }

  /** Writes what waits, now (at exit). */
  async flush(): Promise<void> {
    for (const key of [...this.pending.keys()]) this.run(key);
    await Promise.all(this.writes);
  }

  private run(key: string): void {
    const job = this.pending.get(key);
    if (job === undefined) return;
    clearTimeout(job.timer);
    this.pending.delete(key);
    const write = job.write();
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }
}

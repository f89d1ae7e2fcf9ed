/**
 * The start-up of a large library, as VmService sees it: records exist before their files are read
 * (marked `loading`), each file is read once however many ask for it (the start-up's bounded reads, a
 * page that wants its VM now, an action), and actions wait until the whole start-up (reads and
 * re-attach) has settled.
 */
import { type VmRecord } from './vm-record.js';

export class StartupGate {
  /** The read under way of each loading record. */
  private readonly reads = new WeakMap<VmRecord, Promise<void>>();
  private held: Promise<void> | null = null;

  constructor(private readonly read: (record: VmRecord) => Promise<void>) {}

  /** Reads a loading record's file (once); nothing for a record that was read (or is gone). */
  async load(record: VmRecord | undefined): Promise<void> {
    if (record?.loading !== true) return;
    let reading = this.reads.get(record);
    if (reading === undefined) this.reads.set(record, (reading = this.read(record)));
    await reading;
  }

  /** Actions wait until `settled` has, whether it succeeded or not. */
  hold(settled: Promise<unknown>): void {
    const release = () => void (this.held === held && (this.held = null));
    const held: Promise<void> = settled.then(release, release);
    this.held = held;
  }

  /**
   * What an action on `record` waits for first: the start-up and the record's own read. Undefined when
   * there is nothing to wait for, so the caller spends no tick (power off still pre-empts at once).
   */
  settled(record: VmRecord | undefined): Promise<void> | undefined {
    if (this.held === null && record?.loading !== true) return undefined;
    return (async () => {
      await this.held;
      await this.load(record);
    })();
  }
}

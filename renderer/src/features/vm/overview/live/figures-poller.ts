/**
 * Reads a VM's live figures (vm.statistics) on a cadence while someone looks at them: the first read at
 * once, each next one `intervalMs` after the previous answer (never two in flight, and a slow host is
 * not asked faster than it answers). Main keeps no timer for this: when the Overview is hidden, the
 * window is hidden or the VM stops, the view stops the poller and nothing is read at all.
 */
import { hasErrorCode } from '../../../../../../app/errors/codes.js';
import type { CallOutput } from '../../../../../../app/ipc/contract.js';

export type Figures = CallOutput<'vm.statistics'>;

/** One reading, with when it arrived (ms since the epoch). */
export interface FiguresSample extends Figures {
  readonly at: number;
}

export interface FiguresPollerOptions {
  readonly read: () => Promise<Figures>;
  readonly onSample: (sample: FiguresSample) => void;
  /** A read failed; the poller goes on unless the VM is not running any more. */
  readonly onError: (error: unknown) => void;
  readonly intervalMs: number;
  readonly now?: () => number;
}

export class FiguresPoller {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;

  constructor(private readonly options: FiguresPollerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    this.timer = null;
    try {
      const figures = await this.options.read();
      if (!this.running) return;
      this.options.onSample({ ...figures, at: (this.options.now ?? Date.now)() });
    } catch (error) {
      if (!this.running) return;
      this.options.onError(error);
      // The VM stopped between two reads; its snapshot says so next, and the view stops asking.
      if (hasErrorCode(error, 'VmNotRunning')) {
        this.running = false;
        return;
      }
    }
    if (this.running) this.timer = setTimeout(() => void this.tick(), this.options.intervalMs);
  }
}

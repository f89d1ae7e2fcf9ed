/**
 * Windows is ending the session (shut down, restart, sign out) while VMs run: left alone, the host
 * would hard-stop them. Like NanaBox (reference/nanabox.md §1.1) Hako refuses the first query
 * (`WM_QUERYENDSESSION` → Electron's `query-session-end`, `preventDefault()`), shows a reason on Windows'
 * "apps are preventing shutdown" screen (`ShutdownBlockReasonCreate`, through an injected blocker),
 * saves or shuts down the running VMs as the `onSessionEnd` preference says (a shut down that times out
 * is saved instead), then releases the block and quits, so Windows can carry on.
 *
 * A critical session end cannot be refused: Hako still starts saving, as far as time allows.
 */
import type { BrowserWindow, WindowSessionEndEvent } from 'electron';
import type { Dispatch } from '../../app/ipc/dispatch.js';
import { runPlan } from './bulk.js';
import type { ShellLog } from './log.js';
import type { Translator } from '../../app/i18n/translator.js';
import { bulkPlan, sessionEndReason } from './bulk-plan.js';
import type { ShellState } from './shell-state.js';

/** `ShutdownBlockReasonCreate` / `Destroy` for a window handle (main/native/shutdown-block.ts). */
export interface ShutdownBlocker {
  block(hwnd: Buffer, reason: string): boolean;
  release(hwnd: Buffer): void;
}

export interface SessionEndOptions {
  readonly dispatch: Dispatch;
  readonly state: ShellState;
  readonly log: ShellLog;
  readonly blocker: ShutdownBlocker | null;
  /** The VMs are safe: quit Hako so the session end can proceed. */
  readonly onDone: () => void;
  /** The shell's words in the user's language (the reason Windows shows). */
  readonly translator: () => Translator;
}

const TRANSITION_WAIT_MS = 120_000;

export class SessionEndGuard {
  private work: Promise<void> | null = null;
  /** Windows is ending the session for real (no more questions to the user). */
  ending = false;

  constructor(private readonly options: SessionEndOptions) {}

  attach(window: BrowserWindow): void {
    window.on('query-session-end', (event) => this.onQuery(event, window));
    window.on('session-end', (event) => this.onEnd(event));
  }

  private onQuery(event: WindowSessionEndEvent, window: BrowserWindow): void {
    const { state, log } = this.options;
    if (this.work !== null) {
      event.preventDefault();
      return;
    }
    const live = state.live;
    if (live.length === 0) return;
    const action = state.preferences.onSessionEnd;
    const plan = bulkPlan(live, action);
    log.info(`Windows session end (${event.reasons.join(', ') || 'shutdown'}) with ${live.length} live VMs: ${action}`);
    if (event.reasons.includes('critical')) {
      log.warn('critical session end: cannot be delayed; saving what can be saved');
      void runPlan(this.options.dispatch, bulkPlan(live, 'save'), { fallbackToSave: true });
      return;
    }
    event.preventDefault();
    const hwnd = window.getNativeWindowHandle();
    let blocked = false;
    try {
      blocked = this.options.blocker?.block(hwnd, sessionEndReason(live.length, action, this.options.translator())) ?? false;
    } catch (error) {
      log.error('ShutdownBlockReasonCreate failed', error);
    }
    this.work = (async () => {
      const outcomes = await runPlan(this.options.dispatch, plan, {
        fallbackToSave: true,
        onError: (planned, error) => log.error(`session end: ${planned.action} ${planned.path} failed`, error),
      });
      for (const outcome of outcomes) log.info(`session end: ${outcome.action} ${outcome.path}: ${outcome.done ? 'done' : `not done ${outcome.error ?? ''}`}`);
      await this.waitForTransitions();
    })()
      .catch((error: unknown) => log.error('session end handling failed', error))
      .finally(() => {
        if (blocked) {
          try {
            this.options.blocker?.release(hwnd);
          } catch (error) {
            log.error('ShutdownBlockReasonDestroy failed', error);
          }
        }
        this.work = null;
        this.ending = true;
        this.options.onDone();
      });
  }

  /** VMs already saving or stopping are given time to finish. */
  private async waitForTransitions(): Promise<void> {
    const deadline = Date.now() + TRANSITION_WAIT_MS;
    const busy = (): boolean => this.options.state.live.some((vm) => vm.state === 'Saving' || vm.state === 'Stopping');
    while (busy() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await this.options.state.refreshVms();
    }
  }

  private onEnd(event: WindowSessionEndEvent): void {
    this.ending = true;
    const live = this.options.state.live;
    this.options.log.warn(`Windows session ends now (${event.reasons.join(', ')}); ${live.length} VMs still live`);
    if (live.length > 0 && this.work === null) void runPlan(this.options.dispatch, bulkPlan(live, 'save'), { fallbackToSave: true });
  }
}

/**
 * Quitting Hako. Unsaved settings edits in the window are asked about first (Save / Discard / Cancel,
 * in the window). With no VM running it then just quits. Otherwise it asks (anchors.md §C.4, the issue):
 * leave running (re-attached next time; offered only when VMs outlive Hako), save all, shut down all,
 * cancel — and says plainly that VMs left running are at the host's mercy when Windows shuts down.
 * When some VMs do not save or stop, it asks again before anything is lost. Then the services are
 * disposed (handles closed; with keepVmsRunning the compute systems live on) and the app exits.
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { Dispatch } from '../../app/ipc/dispatch.js';
import { runPlan } from './bulk.js';
import type { ShellLog } from './log.js';
import { type ActionOutcome } from './bulk-plan.js';
import { quitDecision, quitPrompt } from './quit-prompt.js';
import { displayName, type VmSummary } from './shell-state.js';
import type { ShellState } from './shell-state.js';
import { call } from './services.js';
import type { Translator } from '../../app/i18n/translator.js';

export interface QuitOptions {
  readonly dispatch: Dispatch;
  readonly state: ShellState;
  readonly log: ShellLog;
  readonly window: () => BrowserWindow | null;
  /** Windows is ending the session: no questions, the session-end guard has done its part. */
  readonly sessionEnding: () => boolean;
  /** Asks about unsaved settings edits in the window first (unsaved-edits.ts); false: stay. */
  readonly confirmUnsavedEdits?: () => Promise<boolean>;
  /** Closes the services and the shell's own resources; must not throw. */
  readonly dispose: () => Promise<void>;
  /** The shell's words in the user's language. */
  readonly translator: () => Translator;
}

const DISPOSE_TIMEOUT_MS = 15_000;

export class QuitFlow {
  private phase: 'running' | 'asking' | 'quitting' = 'running';

  constructor(private readonly options: QuitOptions) {}

  /** Hako has decided to quit; windows may close. */
  get quitting(): boolean {
    return this.phase === 'quitting';
  }

  install(): void {
    app.on('before-quit', (event) => {
      if (this.phase === 'quitting') return;
      event.preventDefault();
      void this.run();
    });
  }

  /** Asks (when VMs run), acts, disposes, exits. Safe to call repeatedly. */
  async run(): Promise<void> {
    if (this.phase !== 'running') return;
    this.phase = 'asking';
    let proceed: boolean;
    try {
      proceed = this.options.sessionEnding() || ((await (this.options.confirmUnsavedEdits?.() ?? true)) && (await this.confirm()));
    } catch (error) {
      this.options.log.error('quit: could not decide', error);
      proceed = false;
    }
    if (!proceed) {
      this.phase = 'running';
      return;
    }
    this.phase = 'quitting';
    await Promise.race([this.options.dispose(), new Promise((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS))]);
    app.quit();
  }

  private async message(options: MessageBoxOptions): Promise<number> {
    const window = this.options.window();
    const result = window !== null && window.isVisible() ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    return result.response;
  }

  private names(vms: readonly VmSummary[]): string[] {
    return vms.map((vm) => displayName(vm));
  }

  private async confirm(): Promise<boolean> {
    const { state, dispatch, log } = this.options;
    await state.refreshVms();
    const live = state.live;
    // Whether a VM can be left running was fixed when it started, not by today's preference.
    const keepVmsRunning = live.length > 0 && live.every((vm) => vm.outlivesHako === true);
    const tr = this.options.translator();
    const prompt = quitPrompt(this.names(live), { keepVmsRunning, tr });
    if (prompt === null) return true;
    const response = await this.message({
      type: 'question',
      title: tr.t('quit.title'),
      message: prompt.message,
      detail: prompt.detail,
      buttons: prompt.choices.map((c) => c.label),
      defaultId: prompt.defaultIndex,
      cancelId: prompt.cancelIndex,
      noLink: true,
    });
    const decision = quitDecision(prompt.choices[response]?.choice ?? 'cancel', live);
    if (decision.kind !== 'act') return decision.kind === 'quit';

    const window = this.options.window();
    window?.setProgressBar(2, { mode: 'indeterminate' });
    let outcomes: ActionOutcome[];
    try {
      outcomes = await runPlan(dispatch, decision.plan, {
        fallbackToSave: false,
        onError: (planned, error) => log.error(`quit: ${planned.action} ${planned.path} failed`, error),
      });
    } finally {
      if (window !== null && !window.isDestroyed()) window.setProgressBar(-1);
    }
    const failed = outcomes.filter((o) => !o.done);
    if (failed.length === 0) return true;
    return this.confirmAfterFailures(failed, keepVmsRunning);
  }

  /** Some VMs did not save or stop: turn them off, leave them running (if they may), or stay. */
  private async confirmAfterFailures(failed: readonly ActionOutcome[], keepVmsRunning: boolean): Promise<boolean> {
    const tr = this.options.translator();
    const lines = failed.map((o) =>
      tr.t('quit.still.line', { name: path.basename(o.path), reason: o.error ?? tr.t(o.action === 'shutdown' ? 'quit.still.timeout' : 'quit.still.notSaved') }),
    );
    const choices = [
      ...(keepVmsRunning ? [{ id: 'leave', label: tr.t('quit.still.leave') }] : []),
      { id: 'off', label: tr.t('quit.still.off') },
      { id: 'cancel', label: tr.t('quit.cancel') },
    ] as const;
    const response = await this.message({
      type: 'warning',
      title: tr.t('quit.title'),
      message: tr.t('quit.still.message', { count: failed.length }),
      detail: `${lines.join('\n')}\n\n${tr.t('quit.still.detail')}`,
      buttons: choices.map((c) => c.label),
      defaultId: choices.length - 1,
      cancelId: choices.length - 1,
      noLink: true,
    });
    const choice = choices[response]?.id ?? 'cancel';
    if (choice === 'cancel') return false;
    if (choice === 'off') {
      for (const outcome of failed) {
        await call(this.options.dispatch, 'vm.powerOff', { path: outcome.path }).catch((error: unknown) =>
          this.options.log.error(`quit: turning off ${outcome.path} failed`, error),
        );
      }
    }
    return true;
  }
}

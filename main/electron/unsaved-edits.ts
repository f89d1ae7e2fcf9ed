/**
 * Unsaved settings edits in the window, as the quit flow sees them. The renderer reports which VMs' settings
 * have unsaved edits (`app.setUnsavedEdits`); before Hako quits, the quit flow asks the window
 * (`app.confirmLeave`), which puts Save / Discard / Cancel to the user and answers (`app.leaveAnswer`).
 * Closing the window to the tray asks nothing: the window is only hidden and keeps the edits.
 */

export interface UnsavedEditsOptions {
  /** Shows the window and sends it `app.confirmLeave`; false when there is no window to ask. */
  readonly ask: () => boolean;
}

export class UnsavedEdits {
  private names: readonly string[] = [];
  private waiting: ((proceed: boolean) => void) | null = null;

  constructor(private readonly options: UnsavedEditsOptions) {}

  /** The VMs whose settings have unsaved edits, by name. */
  get pending(): readonly string[] {
    return this.names;
  }

  set(names: readonly string[]): void {
    this.names = [...names];
  }

  /** Resolves whether Hako may quit: no unsaved edits, or the user saved or discarded them. */
  async confirm(): Promise<boolean> {
    if (this.names.length === 0) return true;
    this.waiting?.(false);
    const answer = new Promise<boolean>((resolve) => (this.waiting = resolve));
    if (!this.options.ask()) this.answer(true);
    return answer;
  }

  answer(proceed: boolean): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (proceed) this.names = [];
    waiting?.(proceed);
  }

  /** The window went away (closed, crashed): its edits are gone, and nobody is left to answer. */
  windowGone(): void {
    this.names = [];
    this.answer(true);
  }
}

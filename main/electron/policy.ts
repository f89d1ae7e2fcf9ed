/**
 * The Electron shell's decisions, as plain functions (no Electron here, so vitest checks them): which
 * URLs the renderer may load or open, which IPC senders are trusted, which `.7b` paths a command line
 * carries, which file an `app://` request maps to, and what quitting, a Windows session end, a tray
 * click or a renderer crash should do.
 */
import type { PlatformPath } from 'node:path';
import { ACTION_LABELS, VM_STATE_LABELS, vmDisplayName } from '../../app/vm/labels.js';
import { isLive, type VmAction, type VmState } from '../../app/vm/state.js';
import { contentTypeOf, fileInside, requestPath } from '../static-files.js';

// ---- the app:// origin ----

export const APP_SCHEME = 'app';
export const APP_HOST = 'hako';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A URL of Hako's own origin (`app://hako/...`), without credentials or port. */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export interface SenderFrame {
  /** The frame's URL (`event.senderFrame.url`); null when the frame is gone. */
  readonly url: string | null;
  /** `senderFrame === sender.mainFrame` (or `senderFrame.parent === null`). */
  readonly isMainFrame: boolean;
  /** The sender is the web contents of Hako's window. */
  readonly isOurWindow: boolean;
}

/** VS Code's validatedIpcMain check, for Hako: our window, its main frame, our origin. */
export function isTrustedSender(frame: SenderFrame | null): boolean {
  return frame !== null && frame.isOurWindow && frame.isMainFrame && frame.url !== null && isAppUrl(frame.url);
}

/**
 * Whether a request of the renderer may proceed (`webRequest.onBeforeRequest`): only our own origin
 * (and `data:` / our `blob:` URLs, which never leave the process). DevTools' own pages only outside
 * packaged builds.
 */
export function isAllowedRequest(url: string, options: { readonly devTools: boolean }): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  if (url.startsWith(`blob:${APP_ORIGIN}/`)) return true;
  if (options.devTools && (url.startsWith('devtools://') || url.startsWith('chrome-extension://'))) return true;
  return false;
}

// ---- external links ----

/** Hosts a link may open in the user's browser, and for github.com the repository names allowed. */
export const EXTERNAL_LINK_ALLOWLIST = {
  'learn.microsoft.com': null,
  'github.com': ['hako', 'nanabox'],
} as const satisfies Record<string, readonly string[] | null>;

/**
 * The URL to hand to `shell.openExternal`, or null when the link is not on the allowlist: https only,
 * no credentials, no port; github.com only for repositories named in the allowlist (any owner, so
 * forks work).
 */
export function externalLinkTarget(url: string): string | null {
  const parsed = parseUrl(url);
  if (parsed === null || parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null;
  const host = parsed.hostname.toLowerCase();
  if (!Object.hasOwn(EXTERNAL_LINK_ALLOWLIST, host)) return null;
  const repos = EXTERNAL_LINK_ALLOWLIST[host as keyof typeof EXTERNAL_LINK_ALLOWLIST];
  if (repos !== null) {
    const [, , repo] = parsed.pathname.split('/');
    if (repo === undefined || !(repos as readonly string[]).includes(repo.toLowerCase())) return null;
  }
  return parsed.href;
}

// ---- command lines and second instances ----

const MAX_PATH_CHARS = 32_767;
const MAX_OPEN_FILES = 16;

/** A string that could be a `.7b` path (before the file system has a say). */
export function looksLikeVmPath(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 4 &&
    value.length <= MAX_PATH_CHARS &&
    !value.includes('\0') &&
    !value.startsWith('-') &&
    value.toLowerCase().endsWith('.7b')
  );
}

/**
 * The `.7b` paths of a command line: every argument after the executable that is not a switch and ends
 * in `.7b`. Works for the packaged app (`Hako.exe "C:\vms\a.7b"`, as the NSIS association registers it)
 * and in development (`electron . a.7b`), and ignores the switches Chromium adds.
 */
export function vmPathsFromArgv(argv: readonly string[]): string[] {
  return argv.slice(1).filter(looksLikeVmPath).slice(0, MAX_OPEN_FILES);
}

/** What a second instance sends in `requestSingleInstanceLock(additionalData)`. */
export interface SecondInstanceData {
  readonly openFiles: readonly string[];
}

/**
 * The paths a second launch asks the first instance to open: its `additionalData` (the second
 * instance's own reading of its argv; the primary's `argv` is not reliable, see Electron's docs), else
 * the argv the primary received.
 */
export function pathsFromSecondInstance(additionalData: unknown, argv: readonly string[]): string[] {
  if (typeof additionalData === 'object' && additionalData !== null && Array.isArray((additionalData as { openFiles?: unknown }).openFiles)) {
    return ((additionalData as { openFiles: unknown[] }).openFiles).filter(looksLikeVmPath).slice(0, MAX_OPEN_FILES);
  }
  return vmPathsFromArgv(argv);
}

// ---- the app:// protocol ----

export type AssetResolution =
  | { readonly status: 200; readonly file: string; readonly contentType: string }
  | { readonly status: 403 | 404 | 405 };

/**
 * The file an `app://hako/...` request reads from the built renderer folder `root`, or why not.
 * Refuses other origins, non-GET methods, and what `requestPath` and `fileInside` refuse (undecodable
 * or NUL-bearing paths, backslashes, colons, `.`/`..` segments, devices, anything outside `root`). A
 * path whose last segment has no extension is a route of the single-page app and gets `index.html`.
 * The path alone decides: `root` is in app.asar when packaged, which Hako builds and holds no links.
 */
export function resolveAppAsset(url: string, method: string, root: string, pathApi: PlatformPath): AssetResolution {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405 };
  if (!isAppUrl(url)) return { status: 403 };
  const request = requestPath(new URL(url).pathname);
  if (request === null) return { status: 403 };
  const last = request.segments.at(-1);
  const segments = last === undefined || !last.includes('.') ? ['index.html'] : request.segments;
  const file = fileInside(root, segments, pathApi);
  if (file === null) return { status: 403 };
  return { status: 200, file, contentType: contentTypeOf(file) };
}

// ---- VMs as the shell sees them ----

export interface VmSummary {
  readonly path: string;
  readonly id: string;
  readonly state: VmState;
  readonly actions: readonly VmAction[];
  /** Survives Hako's exit; absent means it does not. */
  readonly outlivesHako?: boolean;
}

export function displayName(vm: VmSummary): string {
  return vmDisplayName(vm.id, vm.path);
}

// ---- quitting with running VMs ----

export type QuitChoice = 'leave' | 'save' | 'shutdown' | 'cancel';

export interface QuitPrompt {
  readonly message: string;
  readonly detail: string;
  readonly choices: readonly { readonly choice: QuitChoice; readonly label: string }[];
  /** Index into choices of the default button. */
  readonly defaultIndex: number;
  /** Index into choices chosen by Escape / closing the dialog. */
  readonly cancelIndex: number;
}

/**
 * The question asked when Hako quits while VMs run; null when nothing runs. "Leave running" is offered
 * only when VMs outlive Hako (the `keepVmsRunning` preference); otherwise closing Hako's handles would
 * turn them off, and the honest choices are save, shut down or cancel.
 */
export function quitPrompt(running: readonly string[], options: { readonly keepVmsRunning: boolean }): QuitPrompt | null {
  if (running.length === 0) return null;
  const one = running.length === 1;
  const list = running.length <= 5 ? running.join(', ') : `${running.slice(0, 5).join(', ')} and ${running.length - 5} more`;
  const message = one ? `The virtual machine ${running[0]} is running.` : `${running.length} virtual machines are running: ${list}.`;
  const risk =
    'While Hako is closed nothing looks after running virtual machines: when Windows shuts down, restarts or signs you out, ' +
    'the host turns them off without saving, as if their power cord were pulled.';
  const detail = options.keepVmsRunning
    ? `If you leave ${one ? 'it' : 'them'} running, Hako re-attaches next time it starts. ${risk}`
    : `Hako is set to stop its virtual machines when it closes. Save ${one ? 'it' : 'them'} to resume later where ${one ? 'it' : 'they'} left off.`;
  const all = one ? '' : ' all';
  const choices: { choice: QuitChoice; label: string }[] = [];
  if (options.keepVmsRunning) choices.push({ choice: 'leave', label: 'Leave running' });
  choices.push({ choice: 'save', label: `Save${all}` }, { choice: 'shutdown', label: `Shut down${all}` }, { choice: 'cancel', label: 'Cancel' });
  return { message, detail, choices, defaultIndex: choices.findIndex((c) => c.choice === 'save'), cancelIndex: choices.length - 1 };
}

export type BulkAction = 'save' | 'shutdown';

export interface PlannedAction {
  readonly path: string;
  readonly action: BulkAction;
}

/**
 * What to do to each VM for a bulk save or shut down (quit dialog, Windows session end). A paused VM
 * cannot shut down (its guest does not run), so it is saved. VMs in a transition (starting, saving,
 * stopping) are left to finish it.
 */
export function bulkPlan(vms: readonly VmSummary[], wanted: BulkAction): PlannedAction[] {
  const plan: PlannedAction[] = [];
  for (const vm of vms) {
    if (vm.state === 'Running') plan.push({ path: vm.path, action: wanted === 'shutdown' && vm.actions.includes('shutdown') ? 'shutdown' : 'save' });
    else if (vm.state === 'Paused') plan.push({ path: vm.path, action: 'save' });
  }
  return plan;
}

export type QuitDecision = { readonly kind: 'quit' } | { readonly kind: 'cancel' } | { readonly kind: 'act'; readonly plan: PlannedAction[] };

export function quitDecision(choice: QuitChoice, vms: readonly VmSummary[]): QuitDecision {
  switch (choice) {
    case 'leave':
      return { kind: 'quit' };
    case 'cancel':
      return { kind: 'cancel' };
    case 'save':
    case 'shutdown':
      return { kind: 'act', plan: bulkPlan(vms, choice) };
  }
}

/** Outcome of one planned action. */
export interface ActionOutcome {
  readonly path: string;
  readonly action: BulkAction;
  /** The VM is no longer running (saved or stopped). */
  readonly done: boolean;
  readonly error?: string;
}

/**
 * A Windows session end: the preference's action for every running VM; a shut down that did not finish
 * in time falls back to saving (so the guest's state survives rather than being cut off).
 */
export function sessionEndFallback(outcome: ActionOutcome): PlannedAction | null {
  return outcome.action === 'shutdown' && !outcome.done ? { path: outcome.path, action: 'save' } : null;
}

/** The shutdown-block reason Windows shows while Hako holds a session end. */
export function sessionEndReason(count: number, action: BulkAction): string {
  const vms = count === 1 ? 'a virtual machine' : `${count} virtual machines`;
  return action === 'save' ? `Hako is saving ${vms} before Windows ends the session.` : `Hako is shutting down ${vms} before Windows ends the session.`;
}

// ---- renderer crashes ----

export const CRASH_WINDOW_MS = 60_000;
export const MAX_CRASHES_IN_WINDOW = 3;

/** Recreate the window after a renderer crash, unless it keeps crashing (then wait for the user). */
export function shouldRecreateWindow(previousCrashes: readonly number[], now: number): boolean {
  return previousCrashes.filter((t) => now - t < CRASH_WINDOW_MS).length < MAX_CRASHES_IN_WINDOW;
}

// ---- the tray ----

export type TrayAction = 'show' | 'start' | 'connect' | 'shutdown' | 'powerOff' | 'pause' | 'resume' | 'save';

export interface TrayVmItem {
  readonly path: string;
  readonly label: string;
  readonly actions: readonly { readonly action: TrayAction; readonly label: string; readonly enabled: boolean }[];
}

export interface TrayModel {
  readonly anyRunning: boolean;
  readonly tooltip: string;
  readonly vms: readonly TrayVmItem[];
}

const TRAY_ACTIONS: readonly Exclude<TrayAction, 'show' | 'connect'>[] = ['start', 'shutdown', 'powerOff', 'pause', 'resume', 'save'];

/** The tray menu's content: one submenu per known VM, its state in the label, its possible actions. */
export function trayModel(vms: readonly VmSummary[]): TrayModel {
  const running = vms.filter((vm) => isLive(vm.state)).length;
  const items = [...vms]
    .map((vm) => ({ vm, name: displayName(vm) }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ vm, name }): TrayVmItem => ({
      path: vm.path,
      label: `${name} — ${VM_STATE_LABELS[vm.state]}`,
      actions: [
        { action: 'show', label: 'Show in Hako', enabled: true },
        { action: 'connect', label: 'Connect', enabled: vm.state === 'Running' },
        ...TRAY_ACTIONS.map((action) => ({ action, label: ACTION_LABELS[action], enabled: vm.actions.includes(action) })),
      ],
    }));
  const tooltip = running === 0 ? 'Hako' : running === 1 ? 'Hako — 1 virtual machine running' : `Hako — ${running} virtual machines running`;
  return { anyRunning: running > 0, tooltip, vms: items };
}

/**
 * The IPC contract: every call the renderer may make and every event main sends, with a runtime
 * schema for each input and output. Main's handlers, the preload bridge, the browser host's WebSocket
 * transport and the renderer's client are all derived from this one object, and main checks every input
 * against it (the renderer is untrusted).
 */
import { z } from 'zod';
import { sevenBFileSchema } from '../config/zod.js';
import { COM_PORTS } from '../console/com-ports.js';
import { preferencesSchema, type Preferences } from '../preferences/preferences.js';
import { OPERATION_KINDS } from '../operations.js';
import { type VmSummary } from '../vm/summary.js';
import {
  errorInfoSchema,
  findingSchema,
  vmPathSchema,
  byPath,
  vmSnapshotSchema,
  vmSummarySchema,
  vmLogEntrySchema,
  fileStampSchema,
  reloadOutcomeSchema,
  sessionModeSchema,
  consoleTicketSchema,
  consoleTicketIdSchema,
  consoleResultSchema,
  guestCredentialsSchema,
  diskPathSchema,
  operationIdSchema,
  diskInfoSchema,
  type nativeLibrarySchema,
  stalledCallSchema,
  diagnosticsSchema,
  newVmInputSchema,
  deletePlanSchema,
  PICK_PATH_KINDS,
  consoleIdSchema,
  consoleStatusSchema,
  hostGpuSchema,
  hostFactsSchema,
  preferenceHintsSchema,
} from './schemas.js';

export * from './schemas.js';

// ---- the contract ----

interface Invoke<I extends z.ZodType, O extends z.ZodType> {
  readonly kind: 'invoke';
  readonly input: I;
  readonly output: O;
}
interface Event<P extends z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
}
const invoke = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Invoke<I, O> => ({ kind: 'invoke', input, output });
const event = <P extends z.ZodType>(payload: P): Event<P> => ({ kind: 'event', payload });
const none = z.undefined();
const nothing = z.void();

export const CONTRACT = {
  // library: the VMs Hako knows
  /** Every VM in the library, in library order, as summaries; a VM's page loads its snapshot (`vm.get`). */
  'library.list': invoke(none, z.array(vmSummarySchema)),
  'library.open': invoke(byPath, vmSnapshotSchema),
  /** Shows the system's open dialog; null when the user cancels. */
  'library.openDialog': invoke(none, vmSnapshotSchema.nullable()),
  'library.forget': invoke(byPath, nothing),
  'library.recent': invoke(none, z.array(z.string())),

  // vm: actions on one VM
  'vm.get': invoke(byPath, vmSnapshotSchema),
  'vm.start': invoke(byPath, nothing),
  'vm.shutdown': invoke(byPath, z.object({ stopped: z.boolean(), reason: z.literal('timeout').optional() })),
  'vm.powerOff': invoke(byPath, nothing),
  'vm.pause': invoke(byPath, nothing),
  'vm.resume': invoke(byPath, nothing),
  'vm.save': invoke(byPath, nothing),
  'vm.restart': invoke(byPath, nothing),
  'vm.crash': invoke(byPath, nothing),
  'vm.reload': invoke(byPath, z.array(reloadOutcomeSchema)),
  'vm.events': invoke(byPath, z.array(vmLogEntrySchema)),
  /** Connects or disconnects one network adapter of a running VM at once and records it in the file. */
  'vm.setAdapterConnected': invoke(z.object({ path: vmPathSchema, index: z.number().int().min(0).max(255), connected: z.boolean() }).strict(), reloadOutcomeSchema),
  /**
   * Inserts an image into the DVD drive (a VirtualImage entry) at `lun`, or ejects it (`image` null):
   * at once on a running VM, through its queue, and in the `.7b`. `appliedNow` is false when only the
   * file changed (a stopped VM, or a drive the running VM gets at its next start).
   */
  'vm.setMedia': invoke(
    z.object({ path: vmPathSchema, lun: z.number().int().min(0).max(63), image: z.string().min(5).max(32_767).nullable() }).strict(),
    z.object({ appliedNow: z.boolean() }),
  ),
  /**
   * A running (or paused) VM's live figures, read when asked: poll it only while they are shown.
   * `cpuPercent` is of all its processors, since the previous read; `memoryUsedMb` only where Hyper-V
   * reports it. VmNotRunning once the VM has stopped.
   */
  'vm.statistics': invoke(
    byPath,
    z.object({ uptimeMs: z.number().int().min(0), cpuPercent: z.number().min(0).max(100), memoryAssignedMb: z.number().min(0), memoryUsedMb: z.number().min(0).optional() }),
  ),

  // config: the .7b file itself
  'config.load': invoke(
    byPath,
    z.object({ accepted: z.boolean(), file: sevenBFileSchema.nullable(), findings: z.array(findingSchema), stamp: fileStampSchema }),
  ),
  /**
   * What saving `file` would write, and what it would change (lossy findings need consent). With the
   * library VM's `path`, also what this host says about it (host-checks.ts), for the editor's fields.
   */
  'config.validate': invoke(z.object({ file: sevenBFileSchema, path: vmPathSchema.optional() }).strict(), z.object({ text: z.string(), findings: z.array(findingSchema) })),
  'config.save': invoke(
    z.object({ path: vmPathSchema, file: sevenBFileSchema, expected: fileStampSchema.nullable(), force: z.boolean() }).strict(),
    z.object({ stamp: fileStampSchema }),
  ),
  /** The safe fix for a file NanaBox refuses only for its missing BOM: the BOM is added, nothing else changes. */
  'config.addBom': invoke(byPath, z.object({ stamp: fileStampSchema })),
  'config.create': invoke(z.object({ path: vmPathSchema, name: z.string().min(1).max(255) }).strict(), vmSnapshotSchema),
  'config.schema': invoke(none, z.record(z.string(), z.unknown())),

  /** What deleting the VM would remove (main reads the `.7b` itself); refused while it runs. */
  'vm.deletePlan': invoke(byPath, deletePlanSchema),
  /** Deletes (or recycles) the ticked items of the plan, then removes the VM from the library. */
  'vm.delete': invoke(z.object({ path: vmPathSchema, items: z.array(z.string().regex(/^[0-9a-f]{16}$/)).max(1000) }).strict(), z.object({ removed: z.array(z.string()) })),
  /** Drops a saved VM's saved state so it boots afresh (also the way out of a missing save file). */
  'vm.discardSavedState': invoke(byPath, nothing),
  /** Clones a stopped VM in the background into `<folder>/<name>/`; the done report's result is the clone's `.7b`. */
  'vm.clone': invoke(
    z.object({ path: vmPathSchema, name: z.string().min(1).max(255), folder: z.string().min(1).max(32_767), disks: z.enum(['copy', 'differencing']), macs: z.enum(['dynamic', 'new-static']) }).strict(),
    z.object({ operationId: operationIdSchema }),
  ),
  /** Creates a VM from a preset in the background; the done report's result is the new `.7b`. */
  'vm.create': invoke(newVmInputSchema, z.object({ operationId: operationIdSchema })),

  // disks
  'disks.create': invoke(
    z.object({ path: diskPathSchema, sizeBytes: z.number().int().positive(), fixed: z.boolean() }).strict(),
    z.object({ operationId: operationIdSchema }),
  ),
  /** A differencing disk at `path` on `parentPath` (refused while a running VM uses the parent); done reports its path. */
  'disks.createDifferencing': invoke(z.object({ path: diskPathSchema, parentPath: diskPathSchema }).strict(), z.object({ operationId: operationIdSchema })),
  /** Shrinking below `smallestSafeSize` is refused (SizeBelowSafeMinimum), as is a disk a running VM uses (DiskInUse). */
  'disks.resize': invoke(z.object({ path: diskPathSchema, sizeBytes: z.number().int().positive() }).strict(), z.object({ operationId: operationIdSchema })),
  /** Refused while a running VM uses the disk (DiskInUse, naming it). */
  'disks.compact': invoke(z.object({ path: diskPathSchema }).strict(), z.object({ operationId: operationIdSchema })),
  'disks.info': invoke(z.object({ path: diskPathSchema }).strict(), diskInfoSchema),
  /**
   * Deletes a disk file the user named (detaching never deletes one): refused while a library VM's file
   * still names it (DiskInUse, naming the VMs); to the Recycle Bin where the shell has one.
   */
  'disks.delete': invoke(z.object({ path: diskPathSchema }).strict(), z.object({ recycled: z.boolean() })),

  // networks
  'networks.list': invoke(
    none,
    z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        type: z.string(),
        isDefault: z.boolean(),
        subnets: z.array(z.object({ prefix: z.string(), gateway: z.string() })),
        /** The library VMs connected now (by name), and how many endpoints in all. */
        usedBy: z.array(z.string()),
        endpointCount: z.number().int().min(0),
      }),
    ),
  ),
  /** A subnet for a new switch that collides with no network of the host's; null when all are taken. */
  'networks.suggestSubnet': invoke(none, z.object({ prefix: z.string(), gateway: z.string() }).nullable()),
  /** Deletes a switch; refused while anything is connected to it, naming the VMs. */
  'networks.delete': invoke(z.object({ id: z.string().regex(/^[0-9a-fA-F-]{36}$/) }).strict(), nothing),
  'networks.create': invoke(
    z.object({ name: z.string().min(1).max(256), subnet: z.string().max(18).optional() }).strict(),
    z.object({ id: z.string() }),
  ),

  // the host's GPUs (GPU paravirtualization interfaces), for the GPU picker
  'gpus.list': invoke(none, z.array(hostGpuSchema)),

  // serial consoles: a VM's COM port in a terminal (main is the pipe's client)
  /** Opens (or finds, for a reloaded UI) the console of a COM port; output follows as `console.output` events. */
  'console.open': invoke(z.object({ path: vmPathSchema, port: z.enum(COM_PORTS) }).strict(), consoleStatusSchema),
  /** Keystrokes or pasted text, sent to the VM as UTF-8. */
  'console.write': invoke(z.object({ consoleId: consoleIdSchema, data: z.string().min(1).max(65_536) }).strict(), nothing),
  /** The terminal has written `bytes` more bytes of output (xterm's write callback); main reads on within 1 MiB. */
  'console.ack': invoke(z.object({ consoleId: consoleIdSchema, bytes: z.number().int().min(1).max(1 << 30) }).strict(), nothing),
  'console.close': invoke(z.object({ consoleId: consoleIdSchema }).strict(), nothing),
  /** Saves scroll-back text to a `.txt`/`.log` file: `append: false` replaces the file, `true` adds a further part. */
  'console.saveText': invoke(z.object({ path: z.string().min(5).max(32_767), text: z.string().max(131_072), append: z.boolean() }).strict(), nothing),

  // session: the VM's screen, basic or enhanced, chosen by the user
  'session.connect': invoke(z.object({ path: vmPathSchema, mode: sessionModeSchema }).strict(), nothing),
  'session.disconnect': invoke(byPath, nothing),
  'session.getMode': invoke(byPath, sessionModeSchema),
  'session.setMode': invoke(z.object({ path: vmPathSchema, mode: sessionModeSchema }).strict(), nothing),
  /** A one-time ticket to show the VM's screen in Hako's console (the VM must be running). */
  'session.consoleTicket': invoke(z.object({ path: vmPathSchema, mode: sessionModeSchema }).strict(), consoleTicketSchema),
  /** What became of a ticket; null when main no longer knows it. */
  'session.consoleResult': invoke(z.object({ ticketId: consoleTicketIdSchema }).strict(), consoleResultSchema.nullable()),
  /** The guest credentials remembered for the VM's enhanced session, and whether this shell can remember any. */
  'session.credentials': invoke(byPath, z.object({ canRemember: z.boolean(), remembered: guestCredentialsSchema.nullable() })),
  /** Remembers them, encrypted by the operating system (Electron's safeStorage); refused where that is not available. */
  'session.rememberCredentials': invoke(z.object({ path: vmPathSchema, credentials: guestCredentialsSchema }).strict(), nothing),
  'session.forgetCredentials': invoke(byPath, nothing),

  'diagnostics.get': invoke(none, diagnosticsSchema),

  // background operations (disks, new and cloned VMs)
  'operations.cancel': invoke(z.object({ operationId: operationIdSchema }).strict(), nothing),

  // app
  'app.getPreferences': invoke(none, preferencesSchema),
  'app.setPreferences': invoke(preferencesSchema.partial().strict(), preferencesSchema),
  /** What the New VM wizard caps and warns by. */
  'app.hostFacts': invoke(none, hostFactsSchema),
  /** The system's dialog to choose a disk, an image or a folder; null when the user cancels. NotSupported without one (the browser host). */
  'app.pickPath': invoke(z.object({ kind: z.enum(PICK_PATH_KINDS) }).strict(), z.string().nullable()),
  // `languages`: the system's preferred languages (Electron's), empty where the page has its own (the browser host).
  'app.version': invoke(none, z.object({ version: z.string(), platform: z.string(), transport: z.enum(['electron', 'browser-host']), languages: z.array(z.string().max(64)).max(32) })),
  'app.openLogsFolder': invoke(none, nothing),
  /** The renderer is ready for events; main sends what it queued until now. */
  'app.ready': invoke(none, nothing),
  /** What the preferences' empty values stand for: the RDP client Hako finds, the default VM folder. */
  'app.preferenceHints': invoke(none, preferenceHintsSchema),
  /** The VMs whose settings have unsaved edits in the window (by name), so the Electron shell asks before Hako quits. */
  'app.setUnsavedEdits': invoke(z.object({ names: z.array(z.string().min(1).max(256)).max(64) }).strict(), nothing),
  /** The user's answer to `app.confirmLeave`: quit (the edits were saved or discarded) or stay. */
  'app.leaveAnswer': invoke(z.object({ proceed: z.boolean() }).strict(), nothing),

  // events, main → renderer
  /** One VM changed: its whole snapshot (lists derive their summary from it with app/vm/summary.ts). */
  'vm.changed': event(vmSnapshotSchema),
  /** A background operation's progress; once `done`, with its error or its result. */
  'operations.progress': event(
    z.object({
      operationId: operationIdSchema,
      kind: z.enum(OPERATION_KINDS),
      completed: z.number(),
      total: z.number(),
      done: z.boolean(),
      error: errorInfoSchema.optional(),
      result: z.object({ path: z.string() }).optional(),
    }),
  ),
  /** Main asks the UI to show a VM (opened from Explorer, a second launch, the tray). */
  'app.showVm': event(z.object({ path: z.string() })),
  'app.preferencesChanged': event(preferencesSchema),
  /** Hako is about to quit while settings have unsaved edits: ask Save / Discard / Cancel, answer by `app.leaveAnswer`. */
  'app.confirmLeave': event(z.object({ reason: z.literal('quit') })),
  /** The native calls past the watchdog timeout changed (one stalled, or a stalled one returned). */
  'native.stalled': event(z.object({ calls: z.array(stalledCallSchema) })),
  /** Output of a serial console: `data` is base64 of `bytes` raw bytes (give them to xterm as a Uint8Array, then ack them). */
  'console.output': event(z.object({ consoleId: consoleIdSchema, data: z.string(), bytes: z.number().int().min(1) })),
  /** A serial console's state or throttling changed. */
  'console.state': event(consoleStatusSchema),
} as const;

export type Contract = typeof CONTRACT;
export type CallName = { [K in keyof Contract]: Contract[K] extends Invoke<z.ZodType, z.ZodType> ? K : never }[keyof Contract];
export type EventName = { [K in keyof Contract]: Contract[K] extends Event<z.ZodType> ? K : never }[keyof Contract];

type InvokeOf<K extends CallName> = Contract[K] extends Invoke<infer I, infer O> ? { input: I; output: O } : never;
export type CallInput<K extends CallName> = z.input<InvokeOf<K>['input']>;
export type CallOutput<K extends CallName> = z.output<InvokeOf<K>['output']>;
export type EventPayload<K extends EventName> = Contract[K] extends Event<infer P> ? z.output<P> : never;

export type VmSnapshotDto = z.output<typeof vmSnapshotSchema>;
export type VmSummaryDto = z.output<typeof vmSummarySchema>;
export type { Preferences };
export type ErrorInfoDto = z.output<typeof errorInfoSchema>;
export type Diagnostics = z.output<typeof diagnosticsSchema>;
export type StalledCallDto = z.output<typeof stalledCallSchema>;
export type NativeLibraryDto = z.output<typeof nativeLibrarySchema>;
export type NewVmInput = z.output<typeof newVmInputSchema>;
export type HostFactsDto = z.output<typeof hostFactsSchema>;
export type DeletePlanDto = z.output<typeof deletePlanSchema>;
export type ConsoleTicketDto = z.output<typeof consoleTicketSchema>;
export type ConsoleResultDto = z.output<typeof consoleResultSchema>;
export type GuestCredentialsDto = z.output<typeof guestCredentialsSchema>;
export type PreferenceHints = z.output<typeof preferenceHintsSchema>;
export type DiskInfoDto = z.output<typeof diskInfoSchema>;
export type HostGpuDto = z.output<typeof hostGpuSchema>;
export type ConsoleStatusDto = z.output<typeof consoleStatusSchema>;

// The summary the core builds is what the contract carries (a compile-time check, both ways).
const _summaryFits: (summary: VmSummary) => VmSummaryDto = (summary) => summary;
const _dtoFits: (dto: VmSummaryDto) => VmSummary = (dto) => dto;
void _summaryFits;
void _dtoFits;

/** The IPC channel of a call or event. */
export const channelOf = (name: keyof Contract): string => `hako:${name}`;

export const CALL_NAMES = (Object.keys(CONTRACT) as (keyof Contract)[]).filter((k): k is CallName => CONTRACT[k].kind === 'invoke');
export const EVENT_NAMES = (Object.keys(CONTRACT) as (keyof Contract)[]).filter((k): k is EventName => CONTRACT[k].kind === 'event');

/** What crosses for every call: a value, or an error the renderer turns back into a typed error. */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfoDto };

/** The API the renderer talks to, whichever transport carries it (Electron IPC or the browser host). */
export interface HakoApi {
  invoke<K extends CallName>(name: K, ...input: CallInput<K> extends undefined ? [] : [CallInput<K>]): Promise<CallOutput<K>>;
  /** Returns the unsubscribe function. Listeners get only the payload. */
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/** A failed call, as the renderer sees it. */
export class HakoApiError extends Error {
  override readonly name = 'HakoApiError';
  readonly code: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly hresult?: number;
  readonly path?: string;
  readonly advice?: string;

  constructor(info: ErrorInfoDto) {
    super(info.message);
    this.code = info.code;
    this.params = info.params ?? {};
    if (info.hresult !== undefined) this.hresult = info.hresult;
    if (info.path !== undefined) this.path = info.path;
    if (info.advice !== undefined) this.advice = info.advice;
  }
}

/** Unwraps an envelope: the value, or a thrown {@link HakoApiError}. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new HakoApiError(envelope.error);
}

/**
 * The shapes the IPC contract (contract.ts) is made of: each DTO's runtime schema, bounded and strict,
 * with the path and id rules its channels share. The contract names the channels; these say what
 * crosses them.
 */
import { z } from 'zod';
import { vmConfigSchema } from '../config/zod.js';
import { VIRTUAL_DISK_TYPES } from '../disks/size.js';
import { COM_PORTS } from '../console/com-ports.js';
import { preferencesSchema } from '../preferences/preferences.js';
import { SESSION_MODES } from '../session/mode.js';
import { VM_PRESET_NAMES, type VmPresetName } from '../vm/new-vm.js';
import { VM_ACTIONS, VM_STATES } from '../vm/state.js';

// ---- shared shapes ----

export const errorInfoSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  hresult: z.number().int().optional(),
  path: z.string().optional(),
  advice: z.string().optional(),
});

export const findingSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  path: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  lossy: z.boolean(),
});

/** A `.7b` path from the renderer: absolute, ending in `.7b`. Main resolves and checks it further. */
export const vmPathSchema = z
  .string()
  .min(4)
  .max(32_767)
  .refine((p) => p.toLowerCase().endsWith('.7b'), 'expected a path ending in .7b')
  .refine((p) => !p.includes('\0'), 'the path must not contain NUL characters');

export const byPath = z.object({ path: vmPathSchema }).strict();

export const vmSnapshotSchema = z.object({
  path: z.string(),
  id: z.string(),
  state: z.enum(VM_STATES),
  actions: z.array(z.enum(VM_ACTIONS)),
  config: vmConfigSchema.nullable(),
  findings: z.array(findingSchema),
  lastError: errorInfoSchema.nullable(),
  pendingRestart: z.array(z.string()),
  /** The live compute system survives Hako's exit (it was started with keepVmsRunning on). */
  outlivesHako: z.boolean(),
  // Optional for senders that predate them; main always sends both.
  /** When Hako last started the VM (ms since the epoch), from the library; null if never. */
  lastStartedAt: z.number().nullable().optional(),
  /** Hako is still reading the file (at start-up); `config` is null until it has. */
  loading: z.boolean().optional(),
});

/** What a list shows of a VM (app/vm/summary.ts): `library.list` sends these, not whole snapshots. */
export const vmSummarySchema = z.object({
  path: z.string(),
  id: z.string(),
  name: z.string(),
  guest: z.enum(['Windows', 'Linux']).nullable(),
  state: z.enum(VM_STATES),
  actions: z.array(z.enum(VM_ACTIONS)),
  processors: z.number().nullable(),
  memoryMb: z.number().nullable(),
  problems: z.object({ errors: z.number().int().min(0), warnings: z.number().int().min(0) }),
  lastError: errorInfoSchema.nullable(),
  outlivesHako: z.boolean(),
  lastStartedAt: z.number().nullable(),
  loading: z.boolean(),
});

export const vmLogEntrySchema = z.object({
  time: z.number(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const fileStampSchema = z.object({ size: z.number().int().min(0), mtimeMs: z.number(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export const reloadOutcomeSchema = z.object({
  path: z.string(),
  /** The setting's name for people ("Disk 2 (data.vhdx)"), app/config/setting-labels.ts. */
  setting: z.string(),
  outcome: z.enum(['applied', 'needs-restart', 'failed']),
  error: errorInfoSchema.optional(),
});

export const sessionModeSchema = z.enum(SESSION_MODES);

/** A console ticket: what the console document needs to connect IronRDP to main's proxy (app/session/console.ts). */
export const consoleTicketSchema = z.object({
  ticketId: z.string(),
  /** One-time, valid for one connection and 30 s. */
  token: z.string(),
  /** The WebSocket URL of this shell's console endpoint. */
  proxyUrl: z.string(),
  destination: z.string(),
  expiresAt: z.number(),
});
export const consoleTicketIdSchema = z.string().regex(/^[0-9a-f]{16}$/);

/** What became of a console ticket (main's words for why a connection failed or ended). */
export const consoleResultSchema = z.object({
  state: z.enum(['waiting', 'connecting', 'connected', 'failed', 'ended']),
  error: errorInfoSchema.optional(),
});

/** No NUL; Windows' own limits are lower than these bounds (user names 256, passwords 256 characters). */
export const credentialText = (max: number) => z.string().max(max).refine((text) => !text.includes('\0'), 'must not contain NUL characters');
export const guestCredentialsSchema = z.object({ username: credentialText(256).min(1), domain: credentialText(256), password: credentialText(512) }).strict();

export { preferencesSchema };

export const diskFormatSchema = z.enum(['vhd', 'vhdx']);
export const diskPathSchema = z
  .string()
  .min(5)
  .max(32_767)
  .refine((p) => /\.vhdx?$/i.test(p), 'expected a path ending in .vhd or .vhdx')
  .refine((p) => !p.includes('\0'), 'the path must not contain NUL characters');
export const operationIdSchema = z.string().regex(/^[0-9a-f-]{36}$/);

/** What virtdisk says of a disk (GetVirtualDiskInformation through a version 2 GetInfoOnly handle). */
export const diskInfoSchema = z.object({
  format: diskFormatSchema,
  /** Fixed, dynamically expanding, or differencing (on the first of `parents`). */
  type: z.enum(VIRTUAL_DISK_TYPES),
  virtualSize: z.number(),
  /** Bytes the file takes on the host. */
  physicalSize: z.number(),
  blockSize: z.number(),
  sectorSize: z.number(),
  /** `type === 'fixed'`. */
  fixed: z.boolean(),
  /** The least it can shrink to (where the guest's partitions end); null when virtdisk does not say. */
  smallestSafeSize: z.number().nullable(),
  /** A differencing disk's parents, nearest first; the list ends at the first missing one. */
  parents: z.array(z.object({ path: z.string(), missing: z.boolean() })),
});

/** One native library: where it was loaded from, or why it was not (a missing DLL says plainly what to turn on). */
export const nativeLibrarySchema = z.object({
  /** The file name, `computecore.dll`. */
  name: z.string(),
  path: z.string(),
  state: z.enum(['loaded', 'missing', 'failed']),
  message: z.string().optional(),
  advice: z.string().optional(),
});

/** A native call past its watchdog timeout: still running (nothing is abandoned), named for the user. */
export const stalledCallSchema = z.object({
  api: z.enum(['HCS', 'HCN', 'VirtDisk', 'Win32']),
  /** The export, `HcsStartComputeSystem`. */
  operation: z.string(),
  /** The VM id, network or disk the call concerns. */
  subject: z.string().optional(),
  /** When the call was made (ms since the epoch). */
  since: z.number(),
  /** In the API now, or waiting for a thread behind stalled calls. */
  running: z.boolean(),
});

export const diagnosticsSchema = z.object({
  platform: z.string(),
  elevated: z.boolean(),
  build: z.number().int(),
  hcsReachable: z.boolean(),
  hcsError: errorInfoSchema.nullable(),
  supportedSchemaVersions: z.array(z.object({ Major: z.number(), Minor: z.number() })),
  optionalExports: z.record(z.string(), z.boolean()),
  missingExports: z.array(z.string()),
  vmmsCertificate: z.enum(['present', 'missing', 'unknown']),
  standIn: z.boolean(),
  // Optional until the renderer shows them; main always sends them.
  /** Every native library Hako tried to load. */
  nativeLibraries: z.array(nativeLibrarySchema).optional(),
  /** Windows: whether DLL dependencies resolve from System32 only (SetDefaultDllDirectories); null elsewhere. */
  safeDllSearch: z.boolean().nullable().optional(),
  /** Hako runs elevated from a folder others can write to (code `UnsafeInstallFolder`), or null. */
  installWarning: errorInfoSchema.nullable().optional(),
  /** Native calls that have not returned within the watchdog timeout. */
  stalledCalls: z.array(stalledCallSchema).optional(),
});

/** What the New VM wizard sends: flat, so each path has its guard (app/ipc/path-guards.ts). */
export const newVmInputSchema = z
  .object({
    /** The folder the VM's own folder `<folder>/<name>/` goes into. */
    folder: z.string().min(1).max(32_767),
    name: z.string().min(1).max(255),
    preset: z.enum(VM_PRESET_NAMES as [VmPresetName, ...VmPresetName[]]),
    processors: z.number().int().min(1).max(2048).optional(),
    memoryMb: z.number().int().min(1).max(240 * 1024 * 1024).optional(),
    disk: z.enum(['new', 'existing', 'none']),
    diskSizeBytes: z.number().int().positive().optional(),
    diskFixed: z.boolean().optional(),
    /** With disk "existing": the disk to attach. */
    diskPath: z.string().min(5).max(32_767).optional(),
    isoPath: z.string().min(5).max(32_767).optional(),
    /** A switch id; absent: NanaBox's default switch; null: no network. */
    switchId: z.string().regex(/^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/).nullable().optional(),
  })
  .strict();

export const deletePlanSchema = z.object({
  items: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{16}$/),
      path: z.string(),
      kind: z.enum(['config', 'disk', 'state', 'image']),
      sizeBytes: z.number().int().min(0),
      insideVmFolder: z.boolean(),
      usedBy: z.array(z.string()),
      tickedByDefault: z.boolean(),
    }),
  ),
  toRecycleBin: z.boolean(),
});

/** What a Browse button chooses: a virtual disk (.vhdx or .vhd), an installation image (.iso), or a folder. */
export const PICK_PATH_KINDS = ['disk', 'iso', 'folder'] as const;
export type PickPathKind = (typeof PICK_PATH_KINDS)[number];

export const consoleIdSchema = z.string().regex(/^[0-9a-f-]{36}$/);

/** A serial console's state: what the console view shows (`console.state` events, `console.open`). */
export const consoleStatusSchema = z.object({
  consoleId: consoleIdSchema,
  /** The VM's `.7b`. */
  path: z.string(),
  port: z.enum(COM_PORTS),
  /** `connecting` also while Hako retries (the VM is starting, or its pipe is not there yet). */
  state: z.enum(['connecting', 'open', 'vm-stopped', 'closed']),
  /** Main stopped reading the VM's output because the UI has not acknowledged 1 MiB of it. */
  throttled: z.boolean(),
  /** The pipe of the current or last connection. */
  pipe: z.string().nullable(),
  /** Why a console closed by itself (its port lost its pipe). */
  error: errorInfoSchema.optional(),
});

/** One of the host's GPU paravirtualization interfaces, for the GPU picker (`gpus.list`). */
export const hostGpuSchema = z.object({
  /** The device-interface path that goes into `Gpu.SelectedDevices` (compare with app/gpu/device-path.ts). */
  path: z.string(),
  /** The device's friendly name, else its description; null when it said neither. */
  name: z.string().nullable(),
  /** `10DE:1C82` (PCI vendor:device), for a short label. */
  pciId: z.string().nullable(),
  instanceId: z.string().nullable(),
  manufacturer: z.string().nullable(),
  /** `PCI bus 1, device 0, function 0`. */
  location: z.string().nullable(),
  /** `date` is `YYYY-MM-DD`. */
  driver: z.object({ version: z.string().nullable(), date: z.string().nullable(), provider: z.string().nullable() }),
  /** Why some properties are missing (`CR_NO_SUCH_DEVNODE`: the device went away), or null. */
  problem: z.string().nullable(),
});

export const hostFactsSchema = z.object({
  defaultVmFolder: z.string(),
  logicalProcessors: z.number().int(),
  memoryMb: z.number().int(),
  build: z.number().int(),
  tpmUnavailable: z.enum(['older-windows', 'no-hyper-v']).nullable(),
});

/** What the preferences' empty values stand for on this computer. */
export const preferenceHintsSchema = z.object({
  /** The RDP client an empty `rdpClientCommand` means (mstsc on Windows, xfreerdp elsewhere); null when none is found. */
  rdpClient: z.object({ name: z.string(), command: z.string(), source: z.enum(['system', 'environment']) }).nullable(),
  /** An elevated, packaged Hako runs a command of the user's own only from a folder only administrators can write. */
  customRdpClient: z.enum(['any', 'protected-folders']),
  /** The folder an empty `defaultVmFolder` means. */
  vmFolder: z.string(),
});

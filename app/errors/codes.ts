/**
 * Every public error code Hako's main side can answer with, and what each means. `HakoError` is typed by
 * this catalogue, the IPC envelope carries these codes, and the renderer matches them by name from here
 * (never by a bare string), so a renamed code fails to compile on both sides. Failures of the Windows
 * APIs carry the HRESULT's SDK name instead (hresult.ts), or `HRESULT_0x…` for an unknown one.
 *
 * Node's own codes (`ENOENT`, `EACCES`, …) are not public: `toErrorInfo` maps the few that mean
 * something to the user onto a code here and everything else to `Internal`.
 */
import type { HresultName } from './hresult.js';

export const ERROR_CODES = {
  // ---- the contract and its transports
  BadRequest: 'the input of a call does not match the contract',
  Forbidden: 'the sender may not call Hako',
  Internal: 'a failure Hako did not expect (a bug); the message says what happened',
  Disconnected: "the connection to Hako's main side is lost; the call may or may not have run",
  NotSupported: 'this shell cannot do that (for example a file dialog in the browser host)',
  HostUnavailable: 'the Hyper-V libraries could not be loaded',
  HcsUnreachable: 'the Host Compute Service does not answer',
  UnsafeInstallFolder: 'Hako runs as administrator from a folder that programs without administrator rights can write to',

  // ---- files and paths
  FileNotFound: 'the file does not exist',
  NotAFile: 'the path names a folder, a device or a pipe, not a regular file',
  FileTooLarge: 'the file is larger than a file of its kind can be',
  AccessDenied: 'the file system refused access',
  FileExists: 'a file is already there and would be overwritten',
  FileWriteFailed: 'the file could not be written; it is as it was',
  Conflict: 'the file changed on disk since it was read',
  PathNotLocal: 'a network or device path where a local one is required',
  InvalidPath: 'the path is not absolute, or not of the kind expected',

  // ---- .7b files
  ConfigUnreadable: 'the .7b file cannot be read as a VM',
  ConfigRefused: 'NanaBox would refuse this .7b file, so Hako does not start it',
  ConsentRequired: 'saving would replace values NanaBox ignores; the user must agree first',
  SaveRefused: 'what would be written is not one valid file that reads back as the settings shown',
  NameMissing: 'the VM has no Name, which Hyper-V needs to identify it',
  StartBlocked: 'a setting would make Hyper-V refuse the VM; the message names it',
  InvalidName: 'the name cannot name a VM (it names its folder and files too)',
  Plan9PortMissing: 'a Plan 9 share has no usable port, so the VM document cannot be built',

  // ---- VMs
  VmUnknown: 'the VM is not in the library',
  VmRunning: 'the VM runs, and this needs it stopped',
  VmNotRunning: 'the VM does not run, and this needs it running',
  AlreadyRunning: 'a compute system with this Name runs already',
  ActionNotAllowed: 'the action is not possible in the VM’s state',
  StoppedDuringStart: 'the VM stopped while it was starting',
  StopTimedOut: 'the VM did not stop in time',
  ExitNotReported: 'Hyper-V accepted the action but did not report that the VM stopped',
  StoppedWhileAway: 'the VM stopped while Hako was not running',
  SaveStateMissing: 'the saved state file the VM would resume from is missing',
  SaveNotRecorded: 'the VM was saved but the .7b could not record where',
  OperationSuperseded: 'the action was cancelled because the VM is being powered off',
  PlanChanged: 'the files changed since the list of what an action would do was shown',
  Cancelled: 'the user cancelled the operation',
  NotADvdDrive: 'the storage entry is not a DVD drive, so it takes no image',

  // ---- the library and app state
  InvalidId: 'a compute system id is empty',
  InvalidPreferences: 'a preferences change does not validate',
  SaveFailed: 'a change is in memory but could not be written',
  NotPersisted: 'the store file could not be read or moved aside, so changes are not written',
  LibraryFull: 'the library holds as many VMs as it can',

  // ---- disks
  InvalidSize: 'the size is not a whole number of bytes with a known unit',
  SizeTooSmall: 'the disk is smaller than virtdisk allows',
  SizeTooLarge: 'the disk is larger than its format allows',
  SizeNotAligned: 'the size is not a multiple of 512 bytes',
  SizeBelowSafeMinimum: 'the disk would shrink below where its partitions end; the message names the minimum',
  UnsupportedFormat: 'the file is neither .vhd nor .vhdx',
  DiskInUse: 'a running VM uses the disk; the message names it',

  // ---- networks
  InvalidEndpointId: 'an adapter’s EndpointId is not a GUID',
  InvalidSwitchName: 'a switch name is empty or too long',
  InvalidSubnet: 'a subnet does not read as a.b.c.d/n',
  SubnetInUse: 'a network of this computer already uses (part of) the subnet',
  SwitchNotFound: 'no virtual switch has that id',
  SwitchInUse: 'VMs are connected to the switch; the message names them',
  AdapterNotFound: 'the VM file has no network adapter at that place',
  AdapterChanged: 'the adapter in the file is not the one the running VM uses; only a full apply or a restart can change it',

  // ---- the host's devices
  GpuListFailed: "the host's GPUs could not be listed; the message names the cfgmgr32 answer",

  // ---- serial consoles
  ConsoleNotConfigured: 'the VM has no named pipe for that COM port',
  ConsoleUnknown: 'no console has that id (it was closed)',
  ConsoleNotOpen: 'the console is not connected to the VM now (the VM is stopped, or Hako is reconnecting)',
  ConsoleBusy: 'the VM is not taking input as fast as it is sent; the input was not sent',

  // ---- the VM's screen
  NoRdpClient: 'no RDP client is configured on this computer',
  ClientFailed: 'the RDP client exited, could not start or did not connect',
  SessionEnded: 'the session ended before it was connected',
  SessionUnavailable: 'the VM’s session pipe is missing, busy or closed',
  InvalidRdpSetting: 'an enhanced-session setting cannot go into an .rdp file',
  ConsoleTicketInvalid: 'the console presented no valid ticket (unknown, used, or older than 30 s)',
  ConsoleBadRequest: 'the console sent something that is not an RDCleanPath request',
  ConsoleNotVmWorker: 'the process serving the VM’s session pipe is not the VM’s worker process',
  ConsoleSecurityUnsupported: 'the VM’s session selected standard RDP security, which the console cannot speak',
  ConsoleRefused: 'the VM’s session refused the connection during negotiation',
  ConsoleTlsFailed: 'the TLS handshake with the VM’s session failed (on hosts without Hyper-V: the VMMS certificate)',
  ConsoleClosed: 'the console connection ended',
  CredentialsUnavailable: 'guest credentials cannot be remembered here',
} as const satisfies Record<string, string>;

/** A code of Hako's own. */
export type HakoErrorCode = keyof typeof ERROR_CODES;

/** Any code an error may carry across the contract: Hako's own, or a Windows API failure's. */
export type ErrorCode = HakoErrorCode | HresultName | `HRESULT_${string}`;

export function isHakoErrorCode(code: unknown): code is HakoErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/**
 * Node's error codes that say something to the user, mapped onto Hako's; everything else a Node call
 * throws is `Internal` (its message still says what happened).
 */
export const NODE_ERROR_CODES: Readonly<Record<string, HakoErrorCode>> = {
  ENOENT: 'FileNotFound',
  ENOTDIR: 'FileNotFound',
  EISDIR: 'NotAFile',
  EACCES: 'AccessDenied',
  EPERM: 'AccessDenied',
  EEXIST: 'FileExists',
};

/** Whether a thrown value (a HakoError, an HcsError, a HakoApiError from the contract) carries `code`. */
export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/**
 * HRESULTs from computecore.dll (HCS), computenetwork.dll (HCN), virtdisk and WMI, turned into short
 * English text and, where the user can fix the cause, advice (reference/hcs-api.md §4, §8.1).
 *
 * Codes arrive in both signed (koffi's int32, `ResultError.Error` in JSON) and unsigned form, so every
 * entry point normalises first and the catalogue is keyed by the unsigned value.
 */

export type HresultFacility = 'HCS' | 'HCN' | 'Win32' | 'COM' | 'WMI' | 'Unknown';

export interface HresultInfo {
  /** Normalised: unsigned 32-bit, legacy vmcompute forms mapped to their computecore twins. */
  readonly code: number;
  /** `formatHresult(code)`. */
  readonly hex: string;
  /** The SDK constant name, or null when the code is not in the catalogue. */
  readonly name: HresultName | null;
  readonly message: string;
  /** What the user can do about it; null when there is nothing useful to suggest. */
  readonly advice: string | null;
  readonly facility: HresultFacility;
}

interface Entry {
  readonly code: number;
  readonly message: string;
  readonly advice?: string;
  /** Only for codes whose facility bits say nothing useful (WMI shares FACILITY_ITF with all of COM). */
  readonly facility?: HresultFacility;
}

const ADVICE = {
  elevate:
    'Run Hako as administrator, or add your account to the "Hyper-V Administrators" group and sign in again.',
  enableFeature:
    'Turn on the "Virtual Machine Platform" (or "Hyper-V") Windows feature under "Turn Windows features on or off", then restart Windows. Virtualisation must also be enabled in the firmware settings.',
  computeService:
    'Make sure the "Hyper-V Host Compute Service" (vmcompute) is running, then try again.',
  eventLog:
    'Event Viewer may have details under Applications and Services Logs > Microsoft > Windows > Hyper-V-Compute.',
  guestBooted: 'Make sure the guest has finished booting and its integration services are running.',
  checkPaths: 'Check the disk and image paths in the VM settings.',
  newerWindows: 'This needs a newer version of Windows; update Windows or turn the setting off.',
  nameTaken: 'Choose a different file name, or delete the existing file first.',
  restartHns: 'Make sure the "Host Network Service" (hns) is running, then try again.',
} as const;

/**
 * The catalogue. Keys are the SDK names, so TypeScript rejects a duplicated name; duplicated codes are
 * caught by the tests. Messages are Hako's own wording.
 */
const CATALOGUE = {
  S_OK: { code: 0x00000000, message: 'The operation succeeded.' },

  // HCS_E_* (§4.1). 0x80370103 and 0x80370104 are not HCS codes; see the legacy pair further down.
  HCS_E_TERMINATED_DURING_START: {
    code: 0x80370100,
    message: 'The virtual machine stopped while it was starting.',
    advice: ADVICE.eventLog,
  },
  HCS_E_IMAGE_MISMATCH: {
    code: 0x80370101,
    message: "The container image's Windows version does not match this computer's.",
  },
  HCS_E_HYPERV_NOT_INSTALLED: {
    code: 0x80370102,
    message: 'Hyper-V is not installed on this computer.',
    advice: ADVICE.enableFeature,
  },
  HCS_E_INVALID_STATE: {
    code: 0x80370105,
    message: 'The virtual machine is not in a state that allows this action.',
    advice: 'Wait until the virtual machine has finished starting, stopping or saving, then try again.',
  },
  HCS_E_UNEXPECTED_EXIT: {
    code: 0x80370106,
    message: 'The virtual machine stopped unexpectedly.',
    advice: ADVICE.eventLog,
  },
  HCS_E_TERMINATED: { code: 0x80370107, message: 'The virtual machine was forcibly turned off.' },
  HCS_E_CONNECT_FAILED: {
    code: 0x80370108,
    message: 'Could not connect to the guest operating system.',
    advice: ADVICE.guestBooted,
  },
  HCS_E_CONNECTION_TIMEOUT: {
    code: 0x80370109,
    message: 'The guest operating system did not answer in time.',
    advice: ADVICE.guestBooted,
  },
  HCS_E_CONNECTION_CLOSED: {
    code: 0x8037010a,
    message: 'The connection to the guest operating system was closed.',
  },
  HCS_E_UNKNOWN_MESSAGE: {
    code: 0x8037010b,
    message: 'The guest received a message it does not understand.',
  },
  HCS_E_UNSUPPORTED_PROTOCOL_VERSION: {
    code: 0x8037010c,
    message: 'The host and the guest have no protocol version in common.',
  },
  HCS_E_INVALID_JSON: {
    code: 0x8037010d,
    message: 'The compute service rejected the virtual machine configuration.',
    advice: 'Review the VM settings; some options need a newer version of Windows.',
  },
  HCS_E_SYSTEM_NOT_FOUND: {
    code: 0x8037010e,
    message: 'No running virtual machine has this ID.',
    advice: 'The virtual machine may already have stopped; refresh and try again.',
  },
  HCS_E_SYSTEM_ALREADY_EXISTS: {
    code: 0x8037010f,
    message: 'A virtual machine with this ID already exists.',
    advice:
      'A virtual machine with this Name is already running (in Hako or NanaBox). Stop it, or give this one a different Name.',
  },
  HCS_E_SYSTEM_ALREADY_STOPPED: { code: 0x80370110, message: 'The virtual machine is already stopped.' },
  HCS_E_PROTOCOL_ERROR: { code: 0x80370111, message: 'The guest broke the communication protocol.' },
  HCS_E_INVALID_LAYER: { code: 0x80370112, message: 'A container layer is not valid.' },
  HCS_E_WINDOWS_INSIDER_REQUIRED: {
    code: 0x80370113,
    message: 'This image needs a Windows Insider build on the host.',
  },
  HCS_E_SERVICE_NOT_AVAILABLE: {
    code: 0x80370114,
    message: 'The Host Compute Service is not available on this computer.',
    advice: `${ADVICE.enableFeature} If it is already on, make sure the "Hyper-V Host Compute Service" (vmcompute) is running.`,
  },
  HCS_E_OPERATION_NOT_STARTED: { code: 0x80370115, message: 'The operation has not been started.' },
  HCS_E_OPERATION_ALREADY_STARTED: {
    code: 0x80370116,
    message: 'The operation is already being used by another request.',
  },
  HCS_E_OPERATION_PENDING: { code: 0x80370117, message: 'The operation is still in progress.' },
  HCS_E_OPERATION_TIMEOUT: {
    code: 0x80370118,
    message: 'Timed out waiting for the operation to finish.',
    advice: `The compute service may be busy or stuck. ${ADVICE.computeService}`,
  },
  HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET: {
    code: 0x80370119,
    message: 'A callback is already registered for this object.',
  },
  HCS_E_OPERATION_RESULT_ALLOCATION_FAILED: {
    code: 0x8037011a,
    message: 'The compute service ran out of memory for the operation result.',
  },
  HCS_E_ACCESS_DENIED: {
    code: 0x8037011b,
    message: 'Access to the Host Compute Service was denied.',
    advice: ADVICE.elevate,
  },
  HCS_E_GUEST_CRITICAL_ERROR: {
    code: 0x8037011c,
    message: 'The guest operating system reported a critical error.',
  },
  HCS_E_PROCESS_INFO_NOT_AVAILABLE: {
    code: 0x8037011d,
    message: 'Information about the process is not available.',
  },
  HCS_E_SERVICE_DISCONNECT: {
    code: 0x8037011e,
    message: 'The connection to the Host Compute Service was lost.',
    advice: ADVICE.computeService,
  },
  HCS_E_PROCESS_ALREADY_STOPPED: { code: 0x8037011f, message: 'The process has already exited.' },
  HCS_E_SYSTEM_NOT_CONFIGURED_FOR_OPERATION: {
    code: 0x80370120,
    message: 'The virtual machine is not configured to support this action.',
  },
  HCS_E_OPERATION_ALREADY_CANCELLED: { code: 0x80370121, message: 'The operation was already cancelled.' },

  // The two vmcompute codes whose low word has no HCS_E_* twin, so normaliseHresult leaves them alone (§4.2).
  ERROR_VMCOMPUTE_OPERATION_PENDING: {
    code: 0xc0370103,
    message: 'The operation is still in progress (legacy compute service code).',
  },
  ERROR_VMCOMPUTE_TOO_MANY_NOTIFICATIONS: {
    code: 0xc0370104,
    message: 'Too many notifications are queued (legacy compute service code).',
  },

  // HCN_E_* / GCN_E_* (§4.4).
  HCN_E_NETWORK_NOT_FOUND: { code: 0x803b0001, message: 'The virtual network was not found.' },
  HCN_E_ENDPOINT_NOT_FOUND: { code: 0x803b0002, message: 'The network endpoint was not found.' },
  HCN_E_LAYER_NOT_FOUND: { code: 0x803b0003, message: 'The network layer was not found.' },
  HCN_E_SWITCH_NOT_FOUND: { code: 0x803b0004, message: 'The virtual switch was not found.' },
  HCN_E_SUBNET_NOT_FOUND: { code: 0x803b0005, message: 'No subnet matches this endpoint.' },
  HCN_E_ADAPTER_NOT_FOUND: { code: 0x803b0006, message: 'The network adapter was not found.' },
  HCN_E_PORT_NOT_FOUND: { code: 0x803b0007, message: 'The switch port was not found.' },
  HCN_E_POLICY_NOT_FOUND: { code: 0x803b0008, message: 'The network policy was not found.' },
  HCN_E_VFP_PORTSETTING_NOT_FOUND: { code: 0x803b0009, message: 'The VFP port setting was not found.' },
  HCN_E_INVALID_NETWORK: {
    code: 0x803b000a,
    message: 'The network configuration is not valid or is missing fields.',
  },
  HCN_E_INVALID_NETWORK_TYPE: { code: 0x803b000b, message: 'The network type is not valid.' },
  HCN_E_INVALID_ENDPOINT: { code: 0x803b000c, message: 'The endpoint configuration is not valid.' },
  HCN_E_INVALID_POLICY: { code: 0x803b000d, message: 'The policy configuration is not valid.' },
  HCN_E_INVALID_POLICY_TYPE: { code: 0x803b000e, message: 'The policy type is not valid.' },
  HCN_E_INVALID_REMOTE_ENDPOINT_OPERATION: {
    code: 0x803b000f,
    message: 'This action is not allowed on a remote endpoint.',
  },
  HCN_E_NETWORK_ALREADY_EXISTS: {
    code: 0x803b0010,
    message: 'A network with this ID or name already exists.',
  },
  HCN_E_LAYER_ALREADY_EXISTS: { code: 0x803b0011, message: 'The network layer already exists.' },
  HCN_E_POLICY_ALREADY_EXISTS: { code: 0x803b0012, message: 'The network policy already exists.' },
  HCN_E_PORT_ALREADY_EXISTS: { code: 0x803b0013, message: 'The switch port already exists.' },
  HCN_E_ENDPOINT_ALREADY_ATTACHED: { code: 0x803b0014, message: 'The endpoint is already attached.' },
  HCN_E_REQUEST_UNSUPPORTED: { code: 0x803b0015, message: 'The network request is not supported.' },
  HCN_E_MAPPING_NOT_SUPPORTED: {
    code: 0x803b0016,
    message: 'Port mapping is not supported on this network.',
  },
  HCN_E_DEGRADED_OPERATION: { code: 0x803b0017, message: 'The network object is in a degraded state.' },
  HCN_E_SHARED_SWITCH_MODIFICATION: {
    code: 0x803b0018,
    message: 'The virtual switch is shared by several networks and cannot be changed.',
  },
  HCN_E_GUID_CONVERSION_FAILURE: { code: 0x803b0019, message: 'A parameter is not a valid GUID.' },
  HCN_E_REGKEY_FAILURE: { code: 0x803b001a, message: 'The network service could not use the registry.' },
  HCN_E_INVALID_JSON: { code: 0x803b001b, message: 'The network configuration is not valid JSON.' },
  HCN_E_INVALID_JSON_REFERENCE: {
    code: 0x803b001c,
    message: 'The network configuration refers to something that does not exist.',
  },
  HCN_E_ENDPOINT_SHARING_DISABLED: { code: 0x803b001d, message: 'Endpoint sharing is turned off.' },
  HCN_E_INVALID_IP: {
    code: 0x803b001e,
    message: "The IP address is not valid or lies outside the network's subnets.",
  },
  HCN_E_SWITCH_EXTENSION_NOT_FOUND: { code: 0x803b001f, message: 'The switch extension was not found.' },
  HCN_E_MANAGER_STOPPED: {
    code: 0x803b0020,
    message: 'The Host Network Service is shutting down.',
    advice: ADVICE.restartHns,
  },
  GCN_E_MODULE_NOT_FOUND: { code: 0x803b0021, message: 'A guest network module was not found.' },
  GCN_E_NO_REQUEST_HANDLERS: { code: 0x803b0022, message: 'No handler is registered for the request.' },
  GCN_E_REQUEST_UNSUPPORTED: { code: 0x803b0023, message: 'The guest network request is not supported.' },
  GCN_E_RUNTIMEKEYS_FAILED: { code: 0x803b0024, message: 'Setting up the runtime keys failed.' },
  GCN_E_NETADAPTER_TIMEOUT: { code: 0x803b0025, message: 'Timed out waiting for a network adapter.' },
  GCN_E_NETADAPTER_NOT_FOUND: { code: 0x803b0026, message: 'The network adapter was not found.' },
  GCN_E_NETCOMPARTMENT_NOT_FOUND: { code: 0x803b0027, message: 'The network compartment was not found.' },
  GCN_E_NETINTERFACE_NOT_FOUND: { code: 0x803b0028, message: 'The network interface was not found.' },
  GCN_E_DEFAULTNAMESPACE_EXISTS: { code: 0x803b0029, message: 'A default namespace already exists.' },
  HCN_E_ICS_DISABLED: {
    code: 0x803b002a,
    message: 'Internet Connection Sharing is turned off, so a shared network cannot be created.',
    advice:
      'Set the "Internet Connection Sharing (ICS)" service (SharedAccess) to Manual or Automatic and start it.',
  },
  HCN_E_ENDPOINT_NAMESPACE_ALREADY_EXISTS: {
    code: 0x803b002b,
    message: 'The endpoint already belongs to a namespace.',
  },
  HCN_E_ENTITY_HAS_REFERENCES: {
    code: 0x803b002c,
    message: 'The network object is still in use by other objects.',
  },
  HCN_E_INVALID_INTERNAL_PORT: { code: 0x803b002d, message: 'The internal port is missing or zero.' },
  HCN_E_NAMESPACE_ATTACH_FAILED: { code: 0x803b002e, message: 'Attaching to the namespace failed.' },
  HCN_E_ADDR_INVALID_OR_RESERVED: { code: 0x803b002f, message: 'The address is not valid or is reserved.' },
  HCN_E_INVALID_PREFIX: { code: 0x803b0030, message: 'The address prefix is not valid.' },
  HCN_E_OBJECT_USED_AFTER_UNLOAD: {
    code: 0x803b0031,
    message: 'The network object was used after it had been torn down.',
  },
  HCN_E_INVALID_SUBNET: { code: 0x803b0032, message: 'The subnet is not valid.' },
  HCN_E_INVALID_IP_SUBNET: { code: 0x803b0033, message: 'The IP subnet is not valid.' },
  HCN_E_ENDPOINT_NOT_ATTACHED: { code: 0x803b0034, message: 'The endpoint has to be attached first.' },
  HCN_E_ENDPOINT_NOT_LOCAL: { code: 0x803b0035, message: 'The endpoint has to be a local one.' },
  HCN_INTERFACEPARAMETERS_ALREADY_APPLIED: {
    code: 0x803b0036,
    message: 'Only one interface-parameters policy can be applied.',
  },
  HCN_E_VFP_NOT_ALLOWED: {
    code: 0x803b0037,
    message: 'VFP cannot be used with this type of network.',
  },

  // Win32 and COM codes that HCS, HCN and virtdisk pass through (§4.3).
  ERROR_FILE_NOT_FOUND: { code: 0x80070002, message: 'A file was not found.', advice: ADVICE.checkPaths },
  ERROR_PATH_NOT_FOUND: {
    code: 0x80070003,
    message: 'A folder in the path was not found.',
    advice: ADVICE.checkPaths,
  },
  E_ACCESSDENIED: {
    code: 0x80070005,
    message: 'Access was denied.',
    // §8.1: HCN on Windows 11 22H2 refuses Hyper-V Administrators, so the group alone is not enough.
    advice:
      'Run Hako as administrator. Membership of "Hyper-V Administrators" is enough for most VM actions, but networking on Windows 11 22H2 only works elevated.',
  },
  ERROR_INVALID_HANDLE: { code: 0x80070006, message: 'The handle is not valid or is already closed.' },
  ERROR_INVALID_DATA: {
    code: 0x8007000d,
    message: 'The data is malformed or not supported by this version of Windows.',
  },
  E_OUTOFMEMORY: {
    code: 0x8007000e,
    message: 'There is not enough memory to complete the operation.',
    advice: 'Close other programs or virtual machines, or give this virtual machine less memory.',
  },
  ERROR_SHARING_VIOLATION: {
    code: 0x80070020,
    message: 'The file is in use by another process.',
    advice: 'The disk or image is in use by another virtual machine or program; close it, then try again.',
  },
  ERROR_NOT_SUPPORTED: {
    code: 0x80070032,
    message: 'The request is not supported on this version of Windows.',
    advice: ADVICE.newerWindows,
  },
  ERROR_FILE_EXISTS: { code: 0x80070050, message: 'The file already exists.', advice: ADVICE.nameTaken },
  E_INVALIDARG: { code: 0x80070057, message: 'A parameter is not valid.' },
  ERROR_PROC_NOT_FOUND: {
    code: 0x8007007f,
    message: 'A required function is missing from this version of Windows.',
    advice: ADVICE.newerWindows,
  },
  ERROR_ALREADY_EXISTS: { code: 0x800700b7, message: 'The object already exists.', advice: ADVICE.nameTaken },
  ERROR_NOT_FOUND: { code: 0x80070490, message: 'The element was not found.' },
  ERROR_CANCELLED: { code: 0x800704c7, message: 'The operation was cancelled.' },
  EPT_S_NOT_REGISTERED: {
    code: 0x800706d9,
    message: 'A required Windows service is not running (nothing answers at its RPC endpoint).',
    advice:
      'Make sure the "Host Network Service" (hns) and the "Hyper-V Host Compute Service" (vmcompute) are running, then try again.',
  },
  E_NOTIMPL: { code: 0x80004001, message: 'This function is not implemented.' },
  E_POINTER: { code: 0x80004003, message: 'A required pointer was null.' },
  E_FAIL: { code: 0x80004005, message: 'The operation failed for an unspecified reason.' },
  E_UNEXPECTED: { code: 0x8000ffff, message: 'An unexpected failure occurred.' },
  WBEM_E_INVALID_PARAMETER: {
    code: 0x80041008,
    facility: 'WMI',
    message: 'Windows Management Instrumentation rejected a parameter.',
    // §4.3: an odd memory size made VM creation fail with this code.
    advice: 'If this happened while starting a virtual machine, set its memory to an even number of megabytes.',
  },
} as const satisfies Record<string, Entry>;

export type HresultName = keyof typeof CATALOGUE;

type Catalogued = readonly [HresultName, Entry];
const BY_CODE: ReadonlyMap<number, Catalogued> = new Map(
  (Object.entries(CATALOGUE) as [HresultName, Entry][]).map(([name, entry]) => [entry.code, [name, entry]]),
);

/** Named codes for comparisons, e.g. `normaliseHresult(r) === HRESULT.HCS_E_SYSTEM_NOT_FOUND`. */
export const HRESULT: { readonly [K in HresultName]: (typeof CATALOGUE)[K]['code'] } = Object.freeze(
  // fromEntries loses the key types; the mapped type above restores them.
  Object.fromEntries(Object.entries(CATALOGUE).map(([name, entry]) => [name, entry.code])),
) as { readonly [K in HresultName]: (typeof CATALOGUE)[K]['code'] };

/** ToUint32, but refusing values that are not a 32-bit integer, so NaN cannot pass for S_OK. */
function toUint32(code: number): number {
  if (!Number.isInteger(code) || code < -0x8000_0000 || code > 0xffff_ffff) {
    throw new RangeError(`Not a 32-bit HRESULT: ${code}`);
  }
  return code >>> 0;
}

/**
 * Unsigned 32-bit form. vmcompute's 0xC03701xx codes become the 0x803701xx ones computecore returns,
 * but only where such a twin exists: facility 0x037 also holds VID, VSMB and WHV codes, and 0x103/0x104
 * mean different things in the two ranges (§4.2).
 */
export function normaliseHresult(code: number): number {
  const unsigned = toUint32(code);
  if (unsigned >= 0xc037_0100 && unsigned <= 0xc037_01ff) {
    const twin = 0x8037_0000 + (unsigned & 0xffff);
    if (BY_CODE.has(twin)) return twin;
  }
  return unsigned;
}

/** `0x80370105`: eight upper-case digits. Does not map legacy forms, so logs show what was received. */
export function formatHresult(code: number): string {
  return `0x${toUint32(code).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** HRESULT_FROM_WIN32 for a Win32 error code (0–65535). */
export function hresultFromWin32(win32: number): number {
  if (!Number.isInteger(win32) || win32 < 0 || win32 > 0xffff) {
    throw new RangeError(`Not a Win32 error code: ${win32}`);
  }
  return win32 === 0 ? 0 : 0x8007_0000 + win32;
}

function facilityOf(code: number): HresultFacility {
  const facility = (code >>> 16) & 0x7ff;
  if (facility === 0x037) return 'HCS';
  if (facility === 0x03b) return 'HCN';
  if (facility === 0x007) return 'Win32';
  // FACILITY_NULL, RPC, DISPATCH, STORAGE and ITF: the classic COM facilities.
  if (facility <= 0x004) return 'COM';
  return 'Unknown';
}

export function describeHresult(code: number): HresultInfo {
  const normalised = normaliseHresult(code);
  const hex = formatHresult(normalised);
  const found = BY_CODE.get(normalised);
  if (found) {
    const [name, entry] = found;
    return {
      code: normalised,
      hex,
      name,
      message: entry.message,
      advice: entry.advice ?? null,
      facility: entry.facility ?? facilityOf(normalised),
    };
  }
  const facility = facilityOf(normalised);
  const isFailure = normalised >= 0x8000_0000;
  const message =
    facility === 'Win32' && isFailure
      ? `Win32 error ${normalised & 0xffff} (${hex}).`
      : `Unrecognised ${isFailure ? 'error' : 'status'} code ${hex}.`;
  return { code: normalised, hex, name: null, message, advice: null, facility };
}

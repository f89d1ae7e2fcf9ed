/**
 * What Hako has to say about a `.7b` file. A finding carries a stable code and parameters; the English
 * text is rendered from them, so the UI can translate it later without parsing sentences.
 */

export type Severity = 'error' | 'warning' | 'info';

export type FindingParams = Readonly<Record<string, string | number | boolean>>;

export interface Finding {
  readonly severity: Severity;
  readonly code: FindingCode;
  /** RFC 6901 JSON Pointer into the file ("" is the whole document). */
  readonly path: string;
  readonly params: FindingParams;
  /**
   * True when writing the canonical text would drop or replace something the file holds; such a save
   * needs the user's consent.
   */
  readonly lossy: boolean;
}

const MESSAGES = {
  // Refusals: NanaBox would not open the file.
  'file.bom-missing': () => 'UTF-8 with BOM is required: the file does not start with the bytes EF BB BF',
  'file.utf16': (p) => `UTF-8 with BOM is required: the file is ${p.encoding}`,
  'file.empty': () => 'the file is empty (it holds no more than the UTF-8 BOM)',
  'file.utf8-invalid': (p) => `the file is not valid UTF-8 (first bad byte at offset ${p.offset})`,
  'json.syntax': (p) => `invalid JSON at line ${p.line}, column ${p.column}: ${p.message}`,
  'config.not-object': (p) => `expected a JSON object, found ${p.found}`,
  'config.type-invalid': (p) => `expected "VirtualMachine", found ${p.found}`,
  'config.version-invalid': (p) => `expected the format version 1, found ${p.found}`,
  // "Whole number": 4096.0 is refused for not being one, though it is at least 1.
  'config.processor-count-invalid': (p) => `expected a processor count that is a whole number of at least 1, found ${p.found}`,
  'config.memory-size-invalid': (p) => `expected a memory size in MB that is a whole number of at least 1, found ${p.found}`,
  // Hako's own limit: NanaBox files are a few kB, and reading a huge file would stall the app.
  'file.too-large': (p) => `the file is ${p.size} bytes; Hako reads .7b files of up to ${p.limit} bytes`,

  // Warnings: NanaBox reads the file, but not the way it is written.
  'file.bom-added': () => 'the file has no UTF-8 BOM; NanaBox refuses such files, and Hako will add the BOM when it saves',
  'json.duplicate-key': () => 'the key occurs more than once; the last occurrence is used and the others are dropped',
  'key.unknown': (p) =>
    p.suggestion !== undefined
      ? `unknown key "${p.key}" (keys are case-sensitive; did you mean "${p.suggestion}"?); NanaBox ignores it`
      : `unknown key "${p.key}"; NanaBox ignores it and drops it when it rewrites the file, Hako keeps it`,
  'value.wrong-type': (p) => `expected ${p.expected}, found ${p.found}; ${p.used} is used instead`,
  'value.enum-unknown': (p) => `expected one of ${p.allowed} (case-sensitive), found ${p.found}; ${p.used} is used instead`,
  'value.truncated': (p) => `${p.found} does not fit in ${p.bits} bits; NanaBox uses ${p.used}`,
  'name.empty': () => 'the VM has no Name; Hyper-V needs one to create the VM',
  'adapter.not-object': (p) => `expected a network adapter object, found ${p.found}; a disconnected adapter is used instead`,
  'scsi.dropped': (p) =>
    p.reason === 'type'
      ? `SCSI device with Type ${p.found} is dropped (expected "VirtualDisk", "VirtualImage" or "PhysicalDevice"), with everything in it`
      : `SCSI device of Type ${p.found} without a Path is dropped, with everything in it`,
  'share.dropped': (p) => `share without a ${p.missing} is dropped, with everything in it`,
  'plan9.port-missing': (p) => `the share has no usable Port (found ${p.found}); set one before starting the VM`,
  'gpu.device-dropped': (p) => `GPU device entry ${p.found} has no device interface path and is dropped`,
  'gpu.device-duplicate': (p) => `GPU device ${p.device} is listed more than once; the last entry is used`,
  'gpu.devices-cleared': (p) => `SelectedDevices is ignored and dropped because AssignmentMode is "${p.mode}", not "List"`,
  'gpu.list-empty': () => 'AssignmentMode "List" with no selected device: NanaBox disables the GPU instead',
  'gpu.devices-sorted': () => 'NanaBox keeps the selected GPU devices sorted by path; they will be written in that order',
  'list.item-dropped': (p) => `expected ${p.expected}, found ${p.found}; the entry is dropped`,
  'value.normalised': (p) => `${p.found} is read as ${p.used}`,
  'policy.unknown': (p) => `unknown policy "${p.name}"; it is kept but has no effect`,

  // Device rules (app/config/device-rules.ts): NanaBox reads these files, but Hyper-V would refuse to
  // start the VM (`blocksStart`), or the VM is unlikely to run well on this host.
  'limits.processors': (p) => `${p.found} processors is more than a Hyper-V VM can have (${p.max})`,
  'limits.memory': (p) => `${p.found} MB of memory is more than a Hyper-V VM can have (${p.max} MB, 240 TB)`,
  'comport.not-pipe': (p) => `"${p.found}" is not a named pipe; a COM port needs a path like \\\\.\\pipe\\name`,
  'path.forbidden-character': (p) => `"${p.found}" contains a character Windows does not allow in file names (< > " | ? * or a control character)`,
  'disk.attached-twice': (p) => `${p.file} is attached more than once (also at ${p.other})`,
  'host.processors': (p) => `${p.found} processors is more than this computer has (${p.max} logical processors)`,
  'host.memory': (p) => `${p.found} MB of memory is more than this computer has (${p.max} MB)`,
  'path.missing': (p) => `${p.file} does not exist (yet)`,
  'disk.unreadable': (p) => `${p.file} is not a virtual disk virtdisk can open: ${p.reason}`,
  'disk.shared': (p) => `${p.file} is also used by ${p.other}`,
} satisfies Record<string, (p: FindingParams) => string>;

export type FindingCode = keyof typeof MESSAGES;

export function findingMessage(code: FindingCode, params: FindingParams): string {
  return MESSAGES[code](params);
}

export function renderFinding(finding: Finding): string {
  return findingMessage(finding.code, finding.params);
}

/** Codes that make NanaBox (and so `hako config check`) refuse a file. */
export function isRefusal(finding: Finding): boolean {
  return finding.severity === 'error';
}

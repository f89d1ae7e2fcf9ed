/**
 * The `.rdp` file Hako hands to the RDP client (mstsc on Windows, a configured client elsewhere): the
 * settings NanaBox gives its RDP control (reference/nanabox.md §5.2, §2.2 Keyboard/EnhancedSession),
 * expressed as `.rdp` properties, for a connection to Hako's loopback bridge. Pure: the caller writes
 * the bytes.
 *
 * Every value is checked before it is written; nothing is escaped. A value that could break out of its
 * line (CR, LF, any control character) or change the meaning of a list (`;`, `*`) is refused.
 */
import { HakoError } from '../errors/error-info.js';
import { type EnhancedSession, type VmConfig } from '../config/index.js';

import type { SessionMode } from './mode.js';

export type { SessionMode };

/** The `EnhancedSession` keys that become `.rdp` properties. */
export type RdpRedirection = Pick<
  EnhancedSession,
  | 'RedirectAudio'
  | 'RedirectAudioCapture'
  | 'RedirectDrives'
  | 'RedirectPrinters'
  | 'RedirectPorts'
  | 'RedirectSmartCards'
  | 'RedirectClipboard'
  | 'RedirectDevices'
  | 'RedirectPOSDevices'
  | 'RedirectDynamicDrives'
  | 'RedirectDynamicDevices'
  | 'Drives'
  | 'Devices'
>;

export interface RdpFileSettings {
  /** The loopback port of Hako's bridge to the VM's pipe. */
  readonly port: number;
  readonly mode: SessionMode;
  /** 200–8192, the range `.rdp` clients take. */
  readonly desktopWidth: number;
  readonly desktopHeight: number;
  /** `Keyboard.RedirectKeyCombinations`: true → keyboardhook 1 (always to the guest), false → 2 (full screen only). */
  readonly redirectKeyCombinations: boolean;
  /** Applied in enhanced mode; the basic console has no device redirection, so basic writes every redirection off. */
  readonly redirection: Readonly<RdpRedirection>;
}

export const RDP_DESKTOP_MIN = 200;
export const RDP_DESKTOP_MAX = 8192;

/** No redirection at all: what a basic session writes, and the defaults' opposite where mstsc's defaults redirect. */
const NO_REDIRECTION: RdpRedirection = {
  RedirectAudio: false,
  RedirectAudioCapture: false,
  RedirectDrives: false,
  RedirectPrinters: false,
  RedirectPorts: false,
  RedirectSmartCards: false,
  RedirectClipboard: false,
  RedirectDevices: false,
  RedirectPOSDevices: false,
  RedirectDynamicDrives: false,
  RedirectDynamicDevices: false,
  Drives: [],
  Devices: [],
};

const clampDesktop = (value: number): number =>
  Number.isFinite(value) ? Math.min(RDP_DESKTOP_MAX, Math.max(RDP_DESKTOP_MIN, Math.round(value))) : 1024;

/**
 * The settings for a VM's configuration. The desktop starts at the VM's `VideoMonitor` resolution
 * (clamped into the `.rdp` range) unless `size` says otherwise. A VM whose file cannot be read (config
 * null) gets no redirection and key combinations sent to the guest.
 */
export function rdpSettingsFor(
  config: Pick<VmConfig, 'Keyboard' | 'EnhancedSession' | 'VideoMonitor'> | null,
  mode: SessionMode,
  port: number,
  size?: { readonly width: number; readonly height: number },
): RdpFileSettings {
  return {
    port,
    mode,
    desktopWidth: clampDesktop(size?.width ?? config?.VideoMonitor.HorizontalResolution ?? 1024),
    desktopHeight: clampDesktop(size?.height ?? config?.VideoMonitor.VerticalResolution ?? 768),
    redirectKeyCombinations: config?.Keyboard.RedirectKeyCombinations ?? true,
    redirection: config?.EnhancedSession ?? NO_REDIRECTION,
  };
}

function invalid(setting: string, value: unknown, why: string): HakoError {
  return new HakoError(
    'InvalidRdpSetting',
    `The RDP setting ${setting} cannot be ${JSON.stringify(value)}: ${why}.`,
    { setting },
    undefined,
    'Fix the value in the VM settings (Enhanced session) and connect again.',
  );
}

function integerIn(setting: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(setting, value, `it must be a whole number from ${min} to ${max}`);
  return value;
}

function driveLetter(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]$/.test(value)) throw invalid('EnhancedSession.Drives', value, 'a drive is one letter A–Z');
  return value.toUpperCase();
}

/**
 * Windows device instance IDs use the characters 0x21–0x7F except the comma; on top of that `;`
 * separates list items and `*` means "every device" in `devicestoredirect`, so both are refused, and
 * so are the list's keywords.
 */
function deviceId(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) {
    throw invalid('EnhancedSession.Devices', value, 'a device instance ID is 1 to 512 characters');
  }
  if (!/^[\x21-\x7e]+$/.test(value) || /[,;*]/.test(value)) {
    throw invalid('EnhancedSession.Devices', value, 'a device instance ID has no spaces, control characters, commas, semicolons or asterisks');
  }
  if (/^dynamic(devices|drives)$/i.test(value)) throw invalid('EnhancedSession.Devices', value, 'that is a keyword, not a device');
  return value;
}

function bool(setting: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid(setting, value, 'it must be true or false');
  return value;
}

/** `drivestoredirect`: `*` for every drive, else the letters (`C:\;`) and `DynamicDrives`; empty for none. */
function drivesToRedirect(r: Readonly<RdpRedirection>): string {
  if (!Array.isArray(r.Drives)) throw invalid('EnhancedSession.Drives', r.Drives, 'it must be a list of drive letters');
  const letters = r.Drives.map(driveLetter);
  if (bool('EnhancedSession.RedirectDrives', r.RedirectDrives)) return '*';
  const items = [...new Set(letters)].map((letter) => `${letter}:\\`);
  if (bool('EnhancedSession.RedirectDynamicDrives', r.RedirectDynamicDrives)) items.push('DynamicDrives');
  return items.join(';');
}

/** `devicestoredirect`: `*` for every device, else the instance IDs and `DynamicDevices`; empty for none. */
function devicesToRedirect(r: Readonly<RdpRedirection>): string {
  if (!Array.isArray(r.Devices)) throw invalid('EnhancedSession.Devices', r.Devices, 'it must be a list of device instance IDs');
  const ids = r.Devices.map(deviceId);
  if (bool('EnhancedSession.RedirectDevices', r.RedirectDevices)) return '*';
  const items = [...new Set(ids)];
  if (bool('EnhancedSession.RedirectDynamicDevices', r.RedirectDynamicDevices)) items.push('DynamicDevices');
  return items.join(';');
}

const flag = (setting: string, value: unknown): number => (bool(setting, value) ? 1 : 0);

/**
 * The file's text: one `name:type:value` line each, CRLF line ends, in a fixed order. Throws
 * `InvalidRdpSetting` (a HakoError) for any value it will not write.
 */
export function formatRdpFile(settings: RdpFileSettings): string {
  if (settings.mode !== 'basic' && settings.mode !== 'enhanced') throw invalid('mode', settings.mode, 'it must be basic or enhanced');
  const port = integerIn('port', settings.port, 1, 65535);
  const width = integerIn('desktopwidth', settings.desktopWidth, RDP_DESKTOP_MIN, RDP_DESKTOP_MAX);
  const height = integerIn('desktopheight', settings.desktopHeight, RDP_DESKTOP_MIN, RDP_DESKTOP_MAX);
  const keyboardHook = bool('Keyboard.RedirectKeyCombinations', settings.redirectKeyCombinations) ? 1 : 2;
  const r = settings.mode === 'enhanced' ? settings.redirection : NO_REDIRECTION;

  const lines = [
    'screen mode id:i:1',
    `desktopwidth:i:${width}`,
    `desktopheight:i:${height}`,
    `full address:s:127.0.0.1:${port}`,
    // NanaBox: AuthenticationLevel 0, EnableCredSspSupport false, NegotiateSecurityLayer true (§5.2).
    'authentication level:i:0',
    'enablecredsspsupport:i:0',
    'negotiate security layer:i:1',
    `keyboardhook:i:${keyboardHook}`,
    // NanaBox: RedirectAudio true → AudioRedirectionMode 0 (play here), false → 2 (do not play).
    `audiomode:i:${bool('EnhancedSession.RedirectAudio', r.RedirectAudio) ? 0 : 2}`,
    `audiocapturemode:i:${flag('EnhancedSession.RedirectAudioCapture', r.RedirectAudioCapture)}`,
    `redirectclipboard:i:${flag('EnhancedSession.RedirectClipboard', r.RedirectClipboard)}`,
    `redirectprinters:i:${flag('EnhancedSession.RedirectPrinters', r.RedirectPrinters)}`,
    `redirectcomports:i:${flag('EnhancedSession.RedirectPorts', r.RedirectPorts)}`,
    `redirectsmartcards:i:${flag('EnhancedSession.RedirectSmartCards', r.RedirectSmartCards)}`,
    `redirectposdevices:i:${flag('EnhancedSession.RedirectPOSDevices', r.RedirectPOSDevices)}`,
    `drivestoredirect:s:${drivesToRedirect(r)}`,
    `devicestoredirect:s:${devicesToRedirect(r)}`,
  ];
  // Belt and braces: every line is printable ASCII, so nothing above can have smuggled in a line break.
  for (const line of lines) {
    if (!/^[a-z ]+:[is]:[\x20-\x7e]*$/.test(line)) throw invalid('line', line, 'it is not a single printable line');
  }
  return lines.map((line) => `${line}\r\n`).join('');
}

/** UTF-16LE with a byte-order mark, as mstsc writes `.rdp` files. */
export function encodeRdpFile(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + i * 2] = unit & 0xff;
    bytes[3 + i * 2] = unit >> 8;
  }
  return bytes;
}

const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file name for the session's `.rdp` file (mstsc shows it in its title bar): the VM's name with
 * anything outside letters, digits, space, `.`, `_`, `-`, `(`, `)` replaced by `_`, at most 64
 * characters, never a reserved Windows device name, never empty.
 */
export function rdpFileName(vmName: string): string {
  let base = Array.from(vmName.replace(/[^\p{L}\p{N} ._()-]/gu, '_'))
    .slice(0, 64)
    .join('')
    .replace(/^[ .]+|[ .]+$/g, '');
  if (base === '') base = 'VM';
  if (RESERVED_WINDOWS_NAMES.test(base)) base = `${base}_`;
  return `${base}.rdp`;
}

/**
 * Option documents for `HcsSaveComputeSystem`, `HcsPauseComputeSystem`, `HcsCrashComputeSystem` and
 * `HcsShutDownComputeSystem` (SaveOptions, PauseOptions, CrashOptions and ShutdownOptions in Microsoft's
 * HCS schema reference; NanaBox's MainWindow.cpp for the save it does), and the documents a given host
 * takes: `…For(host)` gives the document, or null (send NULL) where the host's schema version does not
 * know it (gates.ts).
 */
import { hostSupports, type SchemaVersion } from './gates.js';

export interface SaveOptions {
  SaveStateFilePath: string;
  SaveType: 'ToFile';
}

/**
 * Save to a file, as NanaBox suspends a VM. The VM must be paused first, and HCS refuses while GPU-PV,
 * Virtual SMB or Plan 9 devices are attached (NanaBox turns the GPU off before it pauses).
 */
export function saveOptions(saveStateFilePath: string): SaveOptions {
  return { SaveStateFilePath: saveStateFilePath, SaveType: 'ToFile' };
}

export type SuspensionLevel = 'Suspend' | 'MemoryLow' | 'MemoryMedium' | 'MemoryHigh';
export type HostedNotificationReason = 'None' | 'Save' | 'Template';

export interface PauseOptions {
  HostedNotification?: { Reason: HostedNotificationReason };
  SuspensionLevel?: SuspensionLevel;
}

/**
 * Pause options; with no arguments an empty document, which leaves every choice to HCS (NanaBox
 * passes no options at all).
 */
export function pauseOptions(
  options: { suspensionLevel?: SuspensionLevel; reason?: HostedNotificationReason } = {},
): PauseOptions {
  const document: PauseOptions = {};
  if (options.reason !== undefined) document.HostedNotification = { Reason: options.reason };
  if (options.suspensionLevel !== undefined) document.SuspensionLevel = options.suspensionLevel;
  return document;
}

export interface CrashOptions {
  Type: 'CrashGuest';
}

/** Make the guest bug-check (schema 2.3+), e.g. to take a dump of a hung guest. */
export function crashOptions(): CrashOptions {
  return { Type: 'CrashGuest' };
}

export type ShutdownMechanism = 'GuestConnection' | 'IntegrationService';
export type ShutdownType = 'Shutdown' | 'Hibernate' | 'Reboot';

export interface ShutdownOptions {
  Force: boolean;
  Mechanism: ShutdownMechanism;
  Reason?: string;
  Type: ShutdownType;
}

/**
 * Ask the guest to shut down (schema 2.5, build 20348+). Ordinary guests have no guest compute
 * service, so the default mechanism is the shutdown integration service; NanaBox never does this.
 */
export function shutdownOptions(
  options: { mechanism?: ShutdownMechanism; type?: ShutdownType; force?: boolean; reason?: string } = {},
): ShutdownOptions {
  return {
    Force: options.force ?? false,
    Mechanism: options.mechanism ?? 'IntegrationService',
    ...(options.reason !== undefined ? { Reason: options.reason } : {}),
    Type: options.type ?? 'Shutdown',
  };
}

// ---- per host: the document, or null (NULL) where the host does not take it ----

/** Save to the file where the host takes SaveOptions (2.1), else null. */
export function saveOptionsFor(host: SchemaVersion, saveStateFilePath: string): SaveOptions | null {
  return hostSupports(host, 'SaveOptions') ? saveOptions(saveStateFilePath) : null;
}

/**
 * Pause options with the fields the host knows (HostedNotification is 2.1); null when nothing is left,
 * which is what NanaBox sends and what every host takes.
 */
export function pauseOptionsFor(
  host: SchemaVersion,
  options: { suspensionLevel?: SuspensionLevel; reason?: HostedNotificationReason } = {},
): PauseOptions | null {
  const document = pauseOptions({
    ...(options.suspensionLevel !== undefined && hostSupports(host, 'PauseSuspensionLevel') ? { suspensionLevel: options.suspensionLevel } : {}),
    ...(options.reason !== undefined && hostSupports(host, 'PauseHostedNotification') ? { reason: options.reason } : {}),
  });
  return Object.keys(document).length === 0 ? null : document;
}

/** CrashGuest where the host takes CrashOptions (2.3), else null. */
export function crashOptionsFor(host: SchemaVersion): CrashOptions | null {
  return hostSupports(host, 'CrashOptions') ? crashOptions() : null;
}

/**
 * A shutdown through the integration service where the host takes ShutdownOptions (2.5); else null,
 * which leaves the mechanism to HCS: the guest connection, which ordinary guests lack, so there the
 * shutdown is not expected to finish and Hako offers to power off after its timeout (unverified on a
 * real 19041 host).
 */
export function shutdownOptionsFor(host: SchemaVersion): ShutdownOptions | null {
  return hostSupports(host, 'ShutdownOptions') ? shutdownOptions() : null;
}

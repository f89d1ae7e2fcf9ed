/**
 * Option documents for `HcsSaveComputeSystem`, `HcsPauseComputeSystem`, `HcsCrashComputeSystem` and
 * `HcsShutDownComputeSystem` (hcs-api.md §6.5; reference/nanabox.md §3.4 for the save NanaBox does).
 */

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

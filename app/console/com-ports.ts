/**
 * A VM's serial ports as the console names them: `COM1` is `ComPorts.ComPort1` in the `.7b` and key `"0"`
 * of the HCS document's `Devices.ComPorts`, `COM2` is `ComPort2` and `"1"` (reference: hcs-api.md §6,
 * nanabox.md §2); `ComPorts.UefiConsole: "ComPort1"` sends the firmware's console to COM1.
 */
import { isComPortPipe } from '../config/device-rules.js';
import type { VmConfig } from '../config/index.js';

export const COM_PORTS = ['COM1', 'COM2'] as const;
export type ComPortName = (typeof COM_PORTS)[number];

/** The `.7b` key of a port. */
export function comPortKey(port: ComPortName): 'ComPort1' | 'ComPort2' {
  return port === 'COM1' ? 'ComPort1' : 'ComPort2';
}

/** The named pipe a VM's port is connected to, or null when the file gives it none (or not a pipe). */
export function comPortPipe(config: Pick<VmConfig, 'ComPorts'> | null, port: ComPortName): string | null {
  const pipe = config?.ComPorts[comPortKey(port)] ?? '';
  return isComPortPipe(pipe) ? pipe : null;
}

/** Whether the VM's firmware (UEFI) writes its console to `port`. */
export function showsFirmware(config: Pick<VmConfig, 'ComPorts'> | null, port: ComPortName): boolean {
  return config?.ComPorts.UefiConsole === comPortKey(port);
}

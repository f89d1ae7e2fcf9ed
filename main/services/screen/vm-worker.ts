/**
 * Who may serve a VM's session pipe: the VM's own worker process. The proxy checks it before it writes a
 * byte, because the client never validates the server's certificate (it reads only its public key, for
 * CredSSP; reference/sessions.md §2) and the VM console's certificate is self-signed anyway. A process
 * that created a pipe of the same name first (the name is predictable) fails this check.
 *
 * What identifies the worker, from public sources:
 * - Its image is `vmwp.exe` in the System32 folder: Microsoft lists `%systemroot%\System32\Vmwp.exe` as
 *   the Hyper-V worker process in its antivirus-exclusion guidance for Hyper-V hosts
 *   (learn.microsoft.com, "Configure Microsoft Defender Antivirus exclusions on Windows Server").
 * - Its token's user is the VM's own account, `NT VIRTUAL MACHINE\<VM GUID>`: Microsoft's IoFlow sample
 *   resolves that account for a VM (`VmSID.GetVMnameSid`), and events the worker writes carry it as
 *   `S-1-5-83-1-` followed by the VM GUID's bytes read as four little-endian 32-bit numbers — e.g. a
 *   Hyper-V-Worker event for VmId D9E0EB0A-5B37-508E-9173-67E9ADE83ACF with UserID
 *   S-1-5-83-1-3655396106-1351506743-3915871121-3476744365 (MouriNaruto/MouriDocs, docs/21, a NanaBox
 *   author's HCS VM), and a security event whose SubjectUserSid S-1-5-83-1-2951761591-… names
 *   `NT VIRTUAL MACHINE\AFF04EB7-A25D-40BD-A809-9325ADD90B37`. For an HCS compute system the GUID is its
 *   `RuntimeId` (HcsGetComputeSystemProperties).
 *
 * Unverified on a real host by Hako (no Windows here): that the HCS console pipes of a VM started by Hako
 * are served by that worker rather than by vmcompute.exe. The check stays strict until a real VM says
 * otherwise; its message names the process that was found instead, so a mismatch is easy to report.
 */
import path from 'node:path';
import { type PipeServer } from '../ports.js';

export const VM_WORKER_IMAGE = 'vmwp.exe';

/** `S-1-5-83-1-a-b-c-d` for a VM GUID: its 16 bytes (GUID byte order) as four little-endian u32. */
export function vmAccountSid(runtimeId: string): string | null {
  const hex = runtimeId.replace(/^\{|\}$/g, '');
  const match = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i.exec(hex);
  if (match === null) return null;
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32LE(parseInt(match[1]!, 16), 0);
  bytes.writeUInt16LE(parseInt(match[2]!, 16), 4);
  bytes.writeUInt16LE(parseInt(match[3]!, 16), 6);
  Buffer.from(match[4]! + match[5]!, 'hex').copy(bytes, 8);
  return `S-1-5-83-1-${[0, 4, 8, 12].map((offset) => bytes.readUInt32LE(offset)).join('-')}`;
}

/** Null when `server` is the worker of the VM with `runtimeId`; otherwise why not, in words. */
export function notTheVmWorker(server: PipeServer, runtimeId: string, systemDirectory: string): string | null {
  const expectedImage = path.win32.join(systemDirectory, VM_WORKER_IMAGE);
  if (path.win32.normalize(server.image).toLowerCase() !== expectedImage.toLowerCase()) {
    return `the pipe is served by ${server.image} (process ${server.pid}), not by ${expectedImage}`;
  }
  const expectedSid = vmAccountSid(runtimeId);
  if (expectedSid === null) return `the VM's runtime id ${JSON.stringify(runtimeId)} is not a GUID`;
  if (server.userSid.toUpperCase() !== expectedSid) {
    return `the worker process ${server.pid} runs as ${server.userSid}, not as the VM's account ${expectedSid}`;
  }
  return null;
}

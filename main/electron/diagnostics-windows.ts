/**
 * Whether the VMMS certificate that NanaBox's GenerateVmmsCertificate.ps1 creates is installed
 * (reference/nanabox.md §6.7): a certificate in LocalMachine\My carrying the extension
 * 1.3.6.1.4.1.311.62.1.1.1. Without it (Virtual Machine Platform only, no full Hyper-V) the VM console's
 * RDP server has no certificate and connecting fails.
 *
 * Asked through Windows PowerShell (by its full path: Hako runs elevated, so nothing is looked up on
 * PATH), with a timeout; any failure is "unknown", never an exception. Plain Node, no Electron.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

export type CertificateStatus = 'present' | 'missing' | 'unknown';

export const VMMS_CERTIFICATE_OID = '1.3.6.1.4.1.311.62.1.1.1';

export const VMMS_CERTIFICATE_SCRIPT =
  'Get-ChildItem Cert:\\LocalMachine\\My | ' +
  `Where-Object { $_.Extensions | Where-Object { $_.Oid.Value -eq '${VMMS_CERTIFICATE_OID}' } } | ` +
  'Measure-Object | ForEach-Object { $_.Count }';

export type ExecFile = (
  file: string,
  args: readonly string[],
  options: { timeout: number; windowsHide: boolean; maxBuffer: number },
) => Promise<{ stdout: string; stderr: string }>;

const defaultExec: ExecFile = (file, args, options) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { ...options, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(error);
      else resolve({ stdout, stderr });
    });
  });

/** Windows PowerShell 5.1, which every supported Windows has. */
/**
 * powershell.exe in System32: the folder Windows reports (GetSystemDirectoryW) when given — an elevated
 * Hako must not run a program whose folder a user variable (HKCU\\Environment) could name — else
 * `SystemRoot`.
 */
export function powershellPath(env: Readonly<Record<string, string | undefined>>, system32?: string | null): string {
  const folder = system32 ?? path.win32.join(env.SystemRoot ?? env.windir ?? 'C:\\Windows', 'System32');
  return path.win32.join(folder, 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}

/** The count PowerShell printed, as a status. */
export function parseCertificateCount(stdout: string): CertificateStatus {
  const text = stdout.trim();
  if (!/^\d+$/.test(text)) return 'unknown';
  return Number(text) > 0 ? 'present' : 'missing';
}

export interface CertificateCheckOptions {
  readonly platform?: NodeJS.Platform;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The System32 folder as Windows reports it; preferred over `SystemRoot`. */
  readonly system32?: string | null;
  readonly exec?: ExecFile;
  readonly timeoutMs?: number;
}

export async function checkVmmsCertificate(options: CertificateCheckOptions = {}): Promise<CertificateStatus> {
  if ((options.platform ?? process.platform) !== 'win32') return 'unknown';
  const exec = options.exec ?? defaultExec;
  try {
    const { stdout } = await exec(
      powershellPath(options.env ?? process.env, options.system32),
      ['-NoLogo', '-NoProfile', '-NonInteractive', '-InputFormat', 'None', '-ExecutionPolicy', 'Bypass', '-Command', VMMS_CERTIFICATE_SCRIPT],
      { timeout: options.timeoutMs ?? 15_000, windowsHide: true, maxBuffer: 64 * 1024 },
    );
    return parseCertificateCount(stdout);
  } catch {
    return 'unknown';
  }
}

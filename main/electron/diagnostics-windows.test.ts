import { describe, expect, it } from 'vitest';
import { checkVmmsCertificate, parseCertificateCount, powershellPath, VMMS_CERTIFICATE_SCRIPT, type ExecFile } from './diagnostics-windows.js';

describe('the VMMS certificate check', () => {
  it('asks Windows PowerShell by its full path, with a timeout, for certificates with the VMMS extension', async () => {
    const seen: { file: string; args: readonly string[]; timeout: number }[] = [];
    const exec: ExecFile = async (file, args, options) => {
      seen.push({ file, args, timeout: options.timeout });
      return { stdout: '1\r\n', stderr: '' };
    };
    await expect(checkVmmsCertificate({ platform: 'win32', env: { SystemRoot: 'D:\\Win' }, exec })).resolves.toBe('present');
    expect(seen[0]!.file).toBe('D:\\Win\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(seen[0]!.args).toEqual(expect.arrayContaining(['-NoProfile', '-NonInteractive', '-Command', VMMS_CERTIFICATE_SCRIPT]));
    expect(seen[0]!.timeout).toBe(15_000);
    expect(VMMS_CERTIFICATE_SCRIPT).toContain("Cert:\\LocalMachine\\My");
    expect(VMMS_CERTIFICATE_SCRIPT).toContain("'1.3.6.1.4.1.311.62.1.1.1'");
  });

  it('says missing, or unknown when it cannot tell', async () => {
    const answer = (stdout: string): ExecFile => async () => ({ stdout, stderr: '' });
    await expect(checkVmmsCertificate({ platform: 'win32', env: {}, exec: answer('0') })).resolves.toBe('missing');
    await expect(checkVmmsCertificate({ platform: 'win32', env: {}, exec: answer('Access denied') })).resolves.toBe('unknown');
    await expect(checkVmmsCertificate({ platform: 'win32', env: {}, exec: () => Promise.reject(new Error('timeout')) })).resolves.toBe('unknown');
    await expect(checkVmmsCertificate({ platform: 'linux', exec: answer('1') })).resolves.toBe('unknown');
    expect(parseCertificateCount(' 2 ')).toBe('present');
    expect(powershellPath({})).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    // The folder Windows reports wins over a SystemRoot a user variable could set.
    expect(powershellPath({ SystemRoot: 'C:\\Users\\me\\fake' }, 'C:\\Windows\\system32')).toBe('C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });
});

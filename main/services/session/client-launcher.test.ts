import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCommand } from '../../../app/session/rdp-command.js';
import { defaultRdpClient, rdpClientLauncher, trustedClientCommand } from './client-launcher.js';

describe('the RDP client command', () => {
  it('splitCommand groups quotes and keeps backslashes', () => {
    expect(splitCommand('xfreerdp /v:127.0.0.1:{port} /cert:ignore  /sec:tls')).toEqual(['xfreerdp', '/v:127.0.0.1:{port}', '/cert:ignore', '/sec:tls']);
    expect(splitCommand(`"C:\\Program Files\\FreeRDP\\wfreerdp.exe" '{file}' /p:""`)).toEqual(['C:\\Program Files\\FreeRDP\\wfreerdp.exe', '{file}', '/p:']);
    expect(() => splitCommand('xfreerdp "unclosed')).toThrow(/unclosed/);
  });

  it('rdpClientLauncher: the preference, else HAKO_RDP_CLIENT, else mstsc on Windows or xfreerdp when installed', () => {
    expect(rdpClientLauncher('', 'linux', { PATH: '' })).toBeNull();
    expect(rdpClientLauncher('  ', 'linux', { HAKO_RDP_CLIENT: '  ', PATH: '' })).toBeNull();
    expect(rdpClientLauncher('', 'linux', { HAKO_RDP_CLIENT: 'xfreerdp {file}' })).toBeTypeOf('function');
    expect(rdpClientLauncher('mstsc {file}', 'linux', { PATH: '' })).toBeTypeOf('function');
    expect(rdpClientLauncher('', 'win32', {})).toBeTypeOf('function');
    expect(() => rdpClientLauncher('xfreerdp "unclosed', 'linux', {})).toThrow(/unclosed/);
  });

  it('finds xfreerdp on the PATH', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hako-path-'));
    await writeFile(path.join(dir, 'xfreerdp'), '');
    expect(rdpClientLauncher('', 'linux', { PATH: dir })).toBeTypeOf('function');
    expect(rdpClientLauncher('', 'win32', {}, 'C:\\Windows\\system32')).toBeTypeOf('function');
  });

  it('names the client an empty preference stands for', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hako-path-'));
    await writeFile(path.join(dir, 'xfreerdp'), '');
    expect(defaultRdpClient('linux', { PATH: '' })).toBeNull();
    expect(defaultRdpClient('linux', { PATH: dir })).toEqual({ name: 'xfreerdp', command: `"${path.join(dir, 'xfreerdp')}" /v:127.0.0.1:{port} /cert:ignore`, source: 'system' });
    expect(defaultRdpClient('win32', {}, 'C:\\Windows\\system32')).toEqual({ name: 'mstsc', command: '"C:\\Windows\\system32\\mstsc.exe" {file}', source: 'system' });
    expect(defaultRdpClient('linux', { PATH: dir, HAKO_RDP_CLIENT: '"/opt/rdp/my client" {file}' })).toEqual({ name: 'my client', command: '"/opt/rdp/my client" {file}', source: 'environment' });
    expect(defaultRdpClient('win32', { HAKO_RDP_CLIENT: 'C:\\Tools\\wfreerdp.exe {file}' })?.name).toBe('wfreerdp.exe');
  });

  it('an elevated, packaged Hako runs a preferred client only from a folder only administrators can write', () => {
    const folders = ['C:\\Program Files', 'C:\\Windows'];
    expect(trustedClientCommand('"C:\\Program Files\\FreeRDP\\wfreerdp.exe" {file}', true, folders)).toBe('"C:\\Program Files\\FreeRDP\\wfreerdp.exe" {file}');
    expect(trustedClientCommand('C:\\Users\\me\\evil.exe {file}', true, folders)).toBe('');
    expect(trustedClientCommand('wfreerdp.exe {file}', true, folders)).toBe('');
    expect(trustedClientCommand('C:\\Program Files Evil\\x.exe', true, folders)).toBe('');
    expect(trustedClientCommand('xfreerdp {file}', false, folders)).toBe('xfreerdp {file}');
  });
});

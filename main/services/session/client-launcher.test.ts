import { describe, expect, it } from 'vitest';
import { rdpClientLauncher, splitCommand } from './client-launcher.js';

describe('the RDP client command', () => {
  it('splitCommand groups quotes and keeps backslashes', () => {
    expect(splitCommand('xfreerdp /v:127.0.0.1:{port} /cert:ignore  /sec:tls')).toEqual(['xfreerdp', '/v:127.0.0.1:{port}', '/cert:ignore', '/sec:tls']);
    expect(splitCommand(`"C:\\Program Files\\FreeRDP\\wfreerdp.exe" '{file}' /p:""`)).toEqual(['C:\\Program Files\\FreeRDP\\wfreerdp.exe', '{file}', '/p:']);
    expect(() => splitCommand('xfreerdp "unclosed')).toThrow(/unclosed/);
  });

  it('rdpClientLauncher: HAKO_RDP_CLIENT anywhere, mstsc on Windows, nothing elsewhere', () => {
    expect(rdpClientLauncher('linux', {})).toBeNull();
    expect(rdpClientLauncher('linux', { HAKO_RDP_CLIENT: '  ' })).toBeNull();
    expect(rdpClientLauncher('linux', { HAKO_RDP_CLIENT: 'xfreerdp {file}' })).toBeTypeOf('function');
    expect(rdpClientLauncher('win32', {})).toBeTypeOf('function');
    expect(rdpClientLauncher('win32', {}, 'C:\\Windows\\system32')).toBeTypeOf('function');
  });
});

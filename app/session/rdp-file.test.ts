import { describe, expect, it } from 'vitest';
import { newVmConfig, type VmConfig } from '../config/index.js';
import { HakoError } from '../errors/error-info.js';
import { encodeRdpFile, formatRdpFile, rdpFileName, rdpSettingsFor, type RdpFileSettings } from './rdp-file.js';

const config = (patch: (c: VmConfig) => void = () => undefined): VmConfig => {
  const c = newVmConfig('Alpha').config;
  patch(c);
  return c;
};

const lines = (...l: string[]) => l.map((line) => `${line}\r\n`).join('');

describe('formatRdpFile', () => {
  it('writes a basic session: connection settings, keyboard hook, every redirection off', () => {
    const text = formatRdpFile(rdpSettingsFor(config(), 'basic', 50123));
    expect(text).toBe(
      lines(
        'screen mode id:i:1',
        'desktopwidth:i:1024',
        'desktopheight:i:768',
        'full address:s:127.0.0.1:50123',
        'authentication level:i:0',
        'enablecredsspsupport:i:0',
        'negotiate security layer:i:1',
        'keyboardhook:i:1',
        'audiomode:i:2',
        'audiocapturemode:i:0',
        'redirectclipboard:i:0',
        'redirectprinters:i:0',
        'redirectcomports:i:0',
        'redirectsmartcards:i:0',
        'redirectposdevices:i:0',
        'drivestoredirect:s:',
        'devicestoredirect:s:',
      ),
    );
  });

  it('basic ignores the enhanced-session redirection the VM asks for', () => {
    const everything = config((c) => {
      c.EnhancedSession.RedirectDrives = true;
      c.EnhancedSession.RedirectPrinters = true;
      c.EnhancedSession.Devices = ['USB\\VID_046D&PID_C52B\\5&2A2B3C&0&1'];
    });
    expect(formatRdpFile(rdpSettingsFor(everything, 'basic', 50123))).toBe(formatRdpFile(rdpSettingsFor(config(), 'basic', 50123)));
  });

  it('writes an enhanced session from the VM defaults (audio and clipboard on)', () => {
    const text = formatRdpFile(rdpSettingsFor(config(), 'enhanced', 3390));
    expect(text).toBe(
      lines(
        'screen mode id:i:1',
        'desktopwidth:i:1024',
        'desktopheight:i:768',
        'full address:s:127.0.0.1:3390',
        'authentication level:i:0',
        'enablecredsspsupport:i:0',
        'negotiate security layer:i:1',
        'keyboardhook:i:1',
        'audiomode:i:0',
        'audiocapturemode:i:0',
        'redirectclipboard:i:1',
        'redirectprinters:i:0',
        'redirectcomports:i:0',
        'redirectsmartcards:i:0',
        'redirectposdevices:i:0',
        'drivestoredirect:s:',
        'devicestoredirect:s:',
      ),
    );
  });

  it('writes an enhanced session with every setting the model has', () => {
    const vm = config((c) => {
      c.Keyboard.RedirectKeyCombinations = false;
      c.VideoMonitor.HorizontalResolution = 1920;
      c.VideoMonitor.VerticalResolution = 1080;
      Object.assign(c.EnhancedSession, {
        RedirectAudio: false,
        RedirectAudioCapture: true,
        RedirectClipboard: false,
        RedirectPrinters: true,
        RedirectPorts: true,
        RedirectSmartCards: true,
        RedirectPOSDevices: true,
        RedirectDynamicDrives: true,
        RedirectDynamicDevices: true,
        Drives: ['C', 'e', 'C'],
        Devices: ['USB\\VID_046D&PID_C52B\\5&2A2B3C&0&1', 'SWD\\MMDEVAPI\\{0.0.1.00000000}.{A1B2}'],
      });
    });
    expect(formatRdpFile(rdpSettingsFor(vm, 'enhanced', 65535))).toBe(
      lines(
        'screen mode id:i:1',
        'desktopwidth:i:1920',
        'desktopheight:i:1080',
        'full address:s:127.0.0.1:65535',
        'authentication level:i:0',
        'enablecredsspsupport:i:0',
        'negotiate security layer:i:1',
        'keyboardhook:i:2',
        'audiomode:i:2',
        'audiocapturemode:i:1',
        'redirectclipboard:i:0',
        'redirectprinters:i:1',
        'redirectcomports:i:1',
        'redirectsmartcards:i:1',
        'redirectposdevices:i:1',
        'drivestoredirect:s:C:\\;E:\\;DynamicDrives',
        'devicestoredirect:s:USB\\VID_046D&PID_C52B\\5&2A2B3C&0&1;SWD\\MMDEVAPI\\{0.0.1.00000000}.{A1B2};DynamicDevices',
      ),
    );
  });

  it('RedirectDrives / RedirectDevices mean every drive / device', () => {
    const vm = config((c) => {
      c.EnhancedSession.RedirectDrives = true;
      c.EnhancedSession.RedirectDevices = true;
      c.EnhancedSession.Drives = ['C'];
      c.EnhancedSession.Devices = ['PCI\\VEN_8086'];
    });
    const text = formatRdpFile(rdpSettingsFor(vm, 'enhanced', 1));
    expect(text).toContain('\r\ndrivestoredirect:s:*\r\n');
    expect(text).toContain('\r\ndevicestoredirect:s:*\r\n');
  });

  it('clamps the VM resolution into the .rdp range, and a given size wins', () => {
    const tiny = config((c) => {
      c.VideoMonitor.HorizontalResolution = 10;
      c.VideoMonitor.VerticalResolution = 65535;
    });
    const s = rdpSettingsFor(tiny, 'basic', 1);
    expect([s.desktopWidth, s.desktopHeight]).toEqual([200, 8192]);
    const sized = rdpSettingsFor(tiny, 'enhanced', 1, { width: 1280, height: 800 });
    expect([sized.desktopWidth, sized.desktopHeight]).toEqual([1280, 800]);
  });

  it('uses safe defaults when the VM file cannot be read', () => {
    const text = formatRdpFile(rdpSettingsFor(null, 'enhanced', 4000));
    expect(text).toContain('keyboardhook:i:1\r\naudiomode:i:2\r\n');
    expect(text).toContain('drivestoredirect:s:\r\n');
  });
});

describe('formatRdpFile refuses what it cannot write safely', () => {
  const base = rdpSettingsFor(config(), 'enhanced', 50000);
  const withRedirection = (patch: Partial<RdpFileSettings['redirection']>): RdpFileSettings => ({
    ...base,
    redirection: { ...base.redirection, ...patch },
  });
  const refused = (settings: RdpFileSettings) => {
    let error: unknown;
    try {
      formatRdpFile(settings);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HakoError);
    expect((error as HakoError).code).toBe('InvalidRdpSetting');
    // The message quotes the value JSON-escaped, so it stays one line too.
    expect((error as HakoError).message).not.toMatch(/[\r\n]/);
  };

  it.each([
    ['a line break in a device id', 'USB\\VID_1\r\nalternate shell:s:cmd.exe'],
    ['a bare LF', 'USB\\VID_1\nusername:s:admin'],
    ['a NUL', 'USB\\VID_1\u0000'],
    ['a list separator', 'USB\\VID_1;PCI\\VEN_2'],
    ['a wildcard', '*'],
    ['a keyword', 'DynamicDevices'],
    ['a space', 'USB VID'],
    ['a non-ASCII character', 'USB\\VID_1\u2028'],
    ['an empty id', ''],
  ])('device id with %s', (_what, id) => {
    refused(withRedirection({ Devices: [id] }));
  });

  it.each([['C:'], ['C\r\n'], [''], ['1'], ['*']])('drive %j', (drive) => {
    refused(withRedirection({ Drives: [drive] }));
  });

  it('a device id is refused even when RedirectDevices would write *', () => {
    refused(withRedirection({ RedirectDevices: true, Devices: ['x\r\ny'] }));
  });

  it.each([[0], [65536], [1.5], [Number.NaN]])('port %s', (port) => {
    refused({ ...base, port });
  });

  it.each([
    [199, 768],
    [1024, 8193],
    [1024.5, 768],
  ])('desktop %sx%s', (desktopWidth, desktopHeight) => {
    refused({ ...base, desktopWidth, desktopHeight });
  });

  it('values that are not booleans', () => {
    refused(withRedirection({ RedirectAudio: 'yes' as unknown as boolean }));
    refused({ ...base, redirectKeyCombinations: 1 as unknown as boolean });
  });

  it('an unknown mode', () => {
    refused({ ...base, mode: 'both' as unknown as 'basic' });
  });
});

describe('encodeRdpFile', () => {
  it('is UTF-16LE with a byte-order mark', () => {
    expect([...encodeRdpFile('a:\r\n')]).toEqual([0xff, 0xfe, 0x61, 0, 0x3a, 0, 0x0d, 0, 0x0a, 0]);
    const text = formatRdpFile(rdpSettingsFor(config(), 'basic', 1234));
    const bytes = encodeRdpFile(text);
    expect(new TextDecoder('utf-16le').decode(bytes.subarray(2))).toBe(text);
  });
});

describe('rdpFileName', () => {
  it.each([
    ['Alpha', 'Alpha.rdp'],
    ['My VM (2)', 'My VM (2).rdp'],
    ['Ünïcødé-虚拟机', 'Ünïcødé-虚拟机.rdp'],
    ['evil\r\nname', 'evil__name.rdp'],
    ['../../etc/passwd', '_.._etc_passwd.rdp'],
    ['a:b*c?d"e<f>g|h\\i/j', 'a_b_c_d_e_f_g_h_i_j.rdp'],
    ['...', 'VM.rdp'],
    ['', 'VM.rdp'],
    ['CON', 'CON_.rdp'],
    ['x'.repeat(100), `${'x'.repeat(64)}.rdp`],
  ])('%j → %j', (name, expected) => {
    expect(rdpFileName(name)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { newVmConfig } from '../../app/config/index.js';
import { HakoApiError } from '../../app/ipc/contract.js';
import { allowedActions } from '../../app/vm/state.js';
import { createFakeApi } from '../../renderer/src/dev/fake-api.js';
import { createEditorStore } from '../../renderer/src/editor.js';
import { describeError } from '../../renderer/src/logic/errors.js';
import { fieldDoc, fieldProblems } from '../../renderer/src/logic/field-checks.js';
import { findingText, findingsAt, pointerLabel, settingLabel, uniqueFindings } from '../../renderer/src/logic/findings.js';
import { collectUnknownKeys, fileUnknownKeys } from '../../renderer/src/logic/unknown-keys.js';
import { folderOf, formatMemory, headerButtons, joinPath, vmTitle } from '../../renderer/src/logic/vm.js';
import { createHakoStore } from '../../renderer/src/store.js';
import { effectiveTheme } from '../../renderer/src/logic/theme.js';

describe('header buttons', () => {
  it('enables exactly what the state allows, with Resume in Start’s place while paused', () => {
    const running = headerButtons({ state: 'Running', actions: allowedActions('Running', { canCrash: true }) }, false);
    expect(running.map((b) => [b.action, b.enabled])).toEqual([
      ['start', false],
      ['shutdown', true],
      ['pause', true],
      ['save', true],
      ['restart', true],
      ['powerOff', true],
    ]);
    const paused = headerButtons({ state: 'Paused', actions: allowedActions('Paused', { canCrash: true }) }, false);
    expect(paused[0]).toMatchObject({ action: 'resume', enabled: true, label: 'Resume' });
    expect(paused.find((b) => b.action === 'pause')?.enabled).toBe(false);
  });

  it('disables everything while an action is in flight', () => {
    expect(headerButtons({ state: 'Stopped', actions: ['start'] }, true).every((b) => !b.enabled)).toBe(true);
  });
});

describe('findings', () => {
  it('renders known codes in English, sentence case', () => {
    expect(findingText({ severity: 'warning', code: 'name.empty', path: '/NanaBox/Name', params: {}, lossy: false })).toBe('The VM has no Name; Hyper-V needs one to create the VM');
  });

  it('falls back to the code and params for a code this build does not know', () => {
    expect(findingText({ severity: 'warning', code: 'future.thing', path: '', params: { a: 1 }, lossy: false })).toBe('Future.thing (a=1)');
    expect(findingText({ severity: 'error', code: 'BadRequest', path: '', params: { message: 'nope' }, lossy: false })).toBe('Nope');
  });

  it('finds by pointer prefix, labels pointers and settings, and de-duplicates', () => {
    const f = (path: string) => ({ severity: 'info' as const, code: 'x', path, params: {}, lossy: false });
    expect(findingsAt([f('/NanaBox/Gpu/AssignmentMode'), f('/NanaBox/GpuX'), f('/NanaBox/Gpu')], '/NanaBox/Gpu').map((x) => x.path)).toEqual([
      '/NanaBox/Gpu/AssignmentMode',
      '/NanaBox/Gpu',
    ]);
    expect(pointerLabel('/NanaBox/ScsiDevices/0/Path')).toBe('NanaBox › ScsiDevices › 0 › Path');
    expect(pointerLabel('/a~1b')).toBe('a/b');
    expect(settingLabel('/NanaBox/ProcessorCount')).toBe('Processors');
    expect(uniqueFindings([f('/a'), f('/a'), f('/b')])).toHaveLength(2);
  });
});

describe('field checks', () => {
  it('accepts a new VM as Hako creates it', () => {
    expect(fieldProblems(newVmConfig('vm').config)).toEqual([]);
  });

  it('marks malformed values at their JSON path', () => {
    const config = newVmConfig('').config;
    config.ProcessorCount = 0;
    config.NetworkAdapters[0]!.SuggestedSwitchSubnet = '10.0.0.0';
    config.MemorySize = Number.NaN;
    expect(fieldProblems(config).map((p) => p.path)).toEqual([
      '/NanaBox/ProcessorCount',
      '/NanaBox/MemorySize',
      '/NanaBox/NetworkAdapters/0/SuggestedSwitchSubnet',
      '/NanaBox/Name',
    ]);
  });

  it('finds the spec’s help text for a field, also inside lists', () => {
    expect(fieldDoc('/NanaBox/MemorySize')).toBe('Memory in MB.');
    expect(fieldDoc('/NanaBox/ScsiDevices/3/Path')).toMatch(/relative to the \.7b file/);
    expect(fieldDoc('/NanaBox/Hako/SecureBootTemplate')).toMatch(/MicrosoftUEFICertificateAuthority/);
    expect(fieldDoc('/NanaBox/Nope')).toBeUndefined();
  });
});

describe('small helpers', () => {
  it('formats memory, names VMs and joins paths in the folder’s own style', () => {
    expect(formatMemory(2048)).toBe('2 GB');
    expect(formatMemory(1536)).toBe('1.5 GB');
    expect(formatMemory(512)).toBe('512 MB');
    expect(vmTitle({ path: 'D:\\VMs\\x\\My VM.7b', config: null })).toBe('My VM');
    expect(folderOf('D:\\VMs\\x\\a.7b')).toBe('D:\\VMs\\x');
    expect(joinPath('D:\\VMs\\x', 'a.vhdx')).toBe('D:\\VMs\\x\\a.vhdx');
    expect(folderOf('/tmp/vm/a.7b')).toBe('/tmp/vm');
    expect(joinPath('/tmp/vm', 'a.vhdx')).toBe('/tmp/vm/a.vhdx');
  });

  it('lists unknown keys with escaped JSON Pointers', () => {
    const config = newVmConfig('vm').config;
    config.unknownKeys = [{ key: 'a/b', json: '1' }];
    config.Gpu.unknownKeys = [{ key: 'Extra', json: '"x"' }];
    expect(collectUnknownKeys(config, '/NanaBox')).toEqual([
      { pointer: '/NanaBox/a~1b', json: '1' },
      { pointer: '/NanaBox/Gpu/Extra', json: '"x"' },
    ]);
  });

  it('escapes `/` and `~` in unknown keys at the root of the file and inside the VM (RFC 6901)', () => {
    const config = newVmConfig('vm').config;
    config.unknownKeys = [{ key: 'a~b/c', json: '1' }];
    expect(fileUnknownKeys([{ key: 'x/y~z', json: 'true' }, { key: 'plain', json: '0' }], config, '/NanaBox')).toEqual([
      { pointer: '/x~1y~0z', json: 'true' },
      { pointer: '/plain', json: '0' },
      { pointer: '/NanaBox/a~0b~1c', json: '1' },
    ]);
  });

  it('describes API errors and other failures alike', () => {
    expect(describeError(new HakoApiError({ code: 'X', message: 'm', hresult: -2147024891, advice: 'a' }))).toEqual({ code: 'X', message: 'm', hresult: '0x80070005', advice: 'a' });
    expect(describeError(new TypeError('t'))).toEqual({ code: 'TypeError', message: 't' });
  });

  it('resolves the theme preference', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme(undefined, true)).toBe('dark');
  });
});

describe('the development fake API', () => {
  it('drives the store and the editor through a start and a consented save', async () => {
    const api = createFakeApi({ speed: 0 });
    const store = createHakoStore(api, { setTimeout: () => undefined });
    await store.getState().init();
    const lab = store.getState().order.find((p) => p.includes('Lab'))!;
    expect(await store.getState().act(lab, 'start')).toBe(true);
    expect(store.getState().vms[lab]?.state).toBe('Running');

    const editor = createEditorStore(api, lab, { debounceMs: 0 });
    await editor.getState().load();
    editor.getState().update((c) => void (c.MemorySize = 8192));
    expect(await editor.getState().save()).toBe(false);
    expect(editor.getState().consent?.map((f) => f.path)).toEqual(['/NanaBox/GuestType', '/NanaBox/ScsiDevices/1']);
    expect(await editor.getState().confirmConsent()).toBe(true);
    await store.getState().refreshVm(lab);
    expect(store.getState().vms[lab]?.pendingRestart).toContain('/NanaBox/MemorySize');
  });
});

import { describe, expect, it } from 'vitest';
import { encodeSevenB, newVmConfig, readSevenB, type SevenBFile } from '../../../../../../app/config/index.js';
import { apiError, createStubApi } from '../../../../../../test/support/renderer/stub-api.js';
import { createEditorStore } from './editor-store.js';

const PATH = '/vms/a/a.7b';
const STAMP = { size: 100, mtimeMs: 1, sha256: 'a'.repeat(64) };
const OTHER_STAMP = { size: 101, mtimeMs: 2, sha256: 'b'.repeat(64) };
const LOSSY = { severity: 'warning', code: 'value.enum-unknown', path: '/NanaBox/GuestType', params: { allowed: '"Windows"', found: '"windows"', used: '"Unknown"' }, lossy: true } as const;

function setup(options: { findings?: unknown[]; stamp?: typeof STAMP } = {}) {
  const file = newVmConfig('a');
  let diskStamp = options.stamp ?? STAMP;
  const api = createStubApi({
    'config.load': () => ({ accepted: true, file: structuredClone(file), findings: options.findings ?? [], stamp: diskStamp }),
    'config.validate': (input) => {
      const draft = (input as { file: SevenBFile }).file;
      return { text: 'text', findings: readSevenB(encodeSevenB(draft)).findings };
    },
    'config.save': () => ({ stamp: OTHER_STAMP }),
  });
  const saved: string[] = [];
  const editor = createEditorStore(api, PATH, { debounceMs: 0, onSaved: (p) => saved.push(p) });
  return { api, editor, saved, setDiskStamp: (s: typeof STAMP) => (diskStamp = s) };
}

const saves = (api: ReturnType<typeof createStubApi>) => api.calls.filter((c) => c.name === 'config.save').map((c) => c.input as { force: boolean; expected: unknown });

describe('settings editor', () => {
  it('loads the file into a draft and validates it', async () => {
    const { editor, api } = setup();
    await editor.getState().load();
    const state = editor.getState();
    expect(state.status).toBe('ready');
    expect(state.draft?.config.Name).toBe('a');
    expect(state.dirty).toBe(false);
    expect(state.preview).toBe('text');
    expect(api.calls.map((c) => c.name)).toEqual(['config.load', 'config.validate']);
  });

  it('marks edits dirty, and clean again when they are undone', async () => {
    const { editor } = setup();
    await editor.getState().load();
    editor.getState().update((c) => void (c.MemorySize = 4096));
    expect(editor.getState().dirty).toBe(true);
    expect(editor.getState().original?.config.MemorySize).toBe(2048);
    editor.getState().update((c) => void (c.MemorySize = 2048));
    expect(editor.getState().dirty).toBe(false);
  });

  it('saves with the stamp it read and without force when nothing is lossy', async () => {
    const { editor, api, saved } = setup();
    await editor.getState().load();
    editor.getState().update((c) => void (c.ProcessorCount = 4));
    expect(await editor.getState().save()).toBe(true);
    expect(saves(api)).toEqual([expect.objectContaining({ path: PATH, expected: STAMP, force: false })]);
    expect(editor.getState()).toMatchObject({ dirty: false, stamp: OTHER_STAMP, consent: null, conflict: false });
    expect(saved).toEqual([PATH]);
  });

  it('asks for consent before a save that replaces values, and forces only after it', async () => {
    const { editor, api } = setup({ findings: [LOSSY] });
    await editor.getState().load();
    editor.getState().update((c) => void (c.ProcessorCount = 4));
    expect(await editor.getState().save()).toBe(false);
    expect(editor.getState().consent).toEqual([LOSSY]);
    expect(saves(api)).toEqual([]);

    expect(await editor.getState().confirmConsent()).toBe(true);
    expect(saves(api)).toEqual([expect.objectContaining({ force: true, expected: STAMP })]);
    expect(editor.getState().consent).toBeNull();
  });

  it('does not save when consent is cancelled', async () => {
    const { editor, api } = setup({ findings: [LOSSY] });
    await editor.getState().load();
    editor.getState().update((c) => void (c.ProcessorCount = 4));
    await editor.getState().save();
    editor.getState().cancelConsent();
    expect(editor.getState().consent).toBeNull();
    expect(editor.getState().dirty).toBe(true);
    expect(saves(api)).toEqual([]);
  });

  it('turns consent into a conflict when the file changed meanwhile (force would skip that check)', async () => {
    const { editor, api, setDiskStamp } = setup({ findings: [LOSSY] });
    await editor.getState().load();
    editor.getState().update((c) => void (c.ProcessorCount = 4));
    await editor.getState().save();
    setDiskStamp(OTHER_STAMP);
    expect(await editor.getState().confirmConsent()).toBe(false);
    expect(editor.getState().conflict).toBe(true);
    expect(saves(api)).toEqual([]);
  });

  it('offers a reload on Conflict, and reloading drops the draft', async () => {
    const { editor, api, setDiskStamp } = setup();
    api.handlers['config.save'] = () => Promise.reject(apiError({ code: 'Conflict', message: 'changed on disk' }));
    await editor.getState().load();
    editor.getState().update((c) => void (c.ProcessorCount = 4));
    expect(await editor.getState().save()).toBe(false);
    expect(editor.getState().conflict).toBe(true);
    expect(editor.getState().saveError).toBeNull();

    setDiskStamp(OTHER_STAMP);
    await editor.getState().reloadFromDisk();
    expect(editor.getState()).toMatchObject({ conflict: false, dirty: false, stamp: OTHER_STAMP });
    expect(editor.getState().draft?.config.ProcessorCount).toBe(2);
  });

  it('overwrites after a conflict by saving against the stamp on disk now', async () => {
    const { editor, api, setDiskStamp } = setup();
    api.handlers['config.save'] = () => Promise.reject(apiError({ code: 'Conflict', message: 'changed on disk' }));
    await editor.getState().load();
    editor.getState().update((c) => void (c.ProcessorCount = 4));
    await editor.getState().save();
    setDiskStamp(OTHER_STAMP);
    api.handlers['config.save'] = () => ({ stamp: { ...OTHER_STAMP, sha256: 'c'.repeat(64) } });
    expect(await editor.getState().overwrite()).toBe(true);
    expect(saves(api).at(-1)).toMatchObject({ expected: OTHER_STAMP, force: false });
    expect(editor.getState().draft?.config.ProcessorCount).toBe(4);
  });

  it('asks for consent when main says the file on disk needs it', async () => {
    const { editor, api } = setup();
    api.handlers['config.save'] = () => Promise.reject(apiError({ code: 'ConsentRequired', message: 'lossy' }));
    await editor.getState().load();
    api.handlers['config.load'] = () => ({ accepted: true, file: newVmConfig('a'), findings: [LOSSY], stamp: STAMP });
    editor.getState().update((c) => void (c.ProcessorCount = 4));
    await editor.getState().save();
    expect(editor.getState().consent).toEqual([LOSSY]);
  });

  it('blocks saving while a field is invalid, naming the field', async () => {
    const { editor, api } = setup();
    await editor.getState().load();
    editor.getState().update((c) => void (c.NetworkAdapters[0]!.MacAddress = 'not a mac'));
    expect(editor.getState().problems).toEqual([{ path: '/NanaBox/NetworkAdapters/0/MacAddress', code: 'form.pattern.MacAddress', params: expect.any(Object) }]);
    expect(await editor.getState().save()).toBe(false);
    expect(editor.getState().saveError?.code).toBe('Invalid');
    expect(saves(api)).toEqual([]);
  });

  it('reports main’s verdict on the draft and does not repeat the form’s own check on the same field', async () => {
    const { editor } = setup();
    await editor.getState().load();
    editor.getState().update((c) => void (c.ProcessorCount = 0));
    await editor.getState().validate();
    const issues = editor.getState().issues.filter((f) => f.path === '/NanaBox/ProcessorCount');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'config.processor-count-invalid' });
  });

  it('keeps what an edit did not touch as it was, so the views of it need not render again', async () => {
    const { editor } = setup();
    await editor.getState().load();
    const before = editor.getState().draft!;
    editor.getState().update((c) => void (c.Name = 'b'));
    const after = editor.getState().draft!;
    expect(after.config.Name).toBe('b');
    expect(after.config.ScsiDevices).toBe(before.config.ScsiDevices);
    expect(after.config.NetworkAdapters).toBe(before.config.NetworkAdapters);
    expect(before.config.Name).toBe('a');
  });

  it('marks each field with its own errors, and keeps the markers of fields that did not change', async () => {
    const { editor } = setup();
    await editor.getState().load();
    editor.getState().update((c) => {
      c.ProcessorCount = 0;
      c.NetworkAdapters[0]!.MacAddress = 'not a mac';
    });
    await editor.getState().validate();
    const mac = editor.getState().markers.get('/NanaBox/NetworkAdapters/0/MacAddress');
    expect(mac?.errors.map((f) => f.code)).toEqual(['form.pattern.MacAddress']);
    expect(editor.getState().markers.get('/NanaBox/ProcessorCount')?.errors).toHaveLength(1);
    editor.getState().update((c) => void (c.ProcessorCount = 2));
    await editor.getState().validate();
    expect(editor.getState().markers.has('/NanaBox/ProcessorCount')).toBe(false);
    expect(editor.getState().markers.get('/NanaBox/NetworkAdapters/0/MacAddress')).toBe(mac);
  });

  it('shows a refused file without a draft', async () => {
    const { editor, api } = setup();
    api.handlers['config.load'] = () => ({
      accepted: false,
      file: null,
      findings: [{ severity: 'error', code: 'file.empty', path: '', params: {}, lossy: false }],
      stamp: STAMP,
    });
    await editor.getState().load();
    expect(editor.getState().status).toBe('refused');
    expect(editor.getState().fileFindings).toHaveLength(1);
  });

  it('shows a save error that is neither a conflict nor a consent question', async () => {
    const { editor, api } = setup();
    api.handlers['config.save'] = () => Promise.reject(apiError({ code: 'FileWriteFailed', message: 'disk full' }));
    await editor.getState().load();
    editor.getState().update((c) => void (c.ProcessorCount = 4));
    await editor.getState().save();
    expect(editor.getState().saveError).toMatchObject({ code: 'FileWriteFailed', message: 'disk full' });
    expect(editor.getState().dirty).toBe(true);
  });
});

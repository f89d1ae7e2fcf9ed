import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../app/preferences/preferences.js';
import { PreferencesStore } from './preferences.js';

describe('PreferencesStore', () => {
  it('starts with the defaults and persists updates', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hako-prefs-'));
    const store = new PreferencesStore(dir);
    expect(await store.load()).toEqual(DEFAULT_PREFERENCES);
    await store.update({ theme: 'dark', keepVmsRunning: false });
    const again = new PreferencesStore(dir);
    expect(await again.load()).toMatchObject({ theme: 'dark', keepVmsRunning: false, closeToTray: true });
  });

  it('rejects invalid values and keeps the old ones', async () => {
    const store = new PreferencesStore(await mkdtemp(path.join(tmpdir(), 'hako-prefs-')));
    await expect(store.update({ shutdownTimeoutSeconds: 1 })).rejects.toThrow();
    expect(store.get().shutdownTimeoutSeconds).toBe(60);
  });

  it('moves a corrupt file aside and starts from the defaults', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hako-prefs-'));
    await writeFile(path.join(dir, 'preferences.json'), '{"version":1,"preferences":{"theme":"purple"}}');
    expect(await new PreferencesStore(dir).load()).toEqual(DEFAULT_PREFERENCES);
    const names = await readdir(dir);
    const corrupt = names.find((n) => n.startsWith('preferences.json.corrupt-'));
    expect(corrupt).toBeDefined();
    expect(await readFile(path.join(dir, corrupt!), 'utf8')).toContain('purple');
  });
});

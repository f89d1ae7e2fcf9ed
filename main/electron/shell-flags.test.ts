import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShellFlagStore } from './shell-flags.js';

describe('ShellFlagStore', () => {
  it('remembers a flag in a versioned file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hako-shell-'));
    expect(await new ShellFlagStore(dir).get()).toEqual({ closeToTrayNotified: false });
    await new ShellFlagStore(dir).set({ closeToTrayNotified: true });
    expect(JSON.parse(await readFile(path.join(dir, 'shell.json'), 'utf8'))).toEqual({ version: 1, closeToTrayNotified: true });
    expect(await new ShellFlagStore(dir).get()).toEqual({ closeToTrayNotified: true });
  });

  it('reads the unversioned file earlier builds wrote', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hako-shell-'));
    await writeFile(path.join(dir, 'shell.json'), '{"closeToTrayNotified":true}');
    expect(await new ShellFlagStore(dir).get()).toEqual({ closeToTrayNotified: true });
  });
});

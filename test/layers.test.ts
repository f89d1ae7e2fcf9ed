// The layer arrows of DESIGN.md are enforced by lint: these imports must be refused where they are.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..') });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['app/config/x.ts', "import fs from 'node:fs';\nexport const x = fs;"],
    ['app/config/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['app/config/x.ts', "import koffi from 'koffi';\nexport const x = koffi;"],
    ['app/config/x.ts', "import { y } from '../../main/cli/hako.js';\nexport const x = y;"],
    ['renderer/x.tsx', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    ['renderer/x.tsx', "import path from 'node:path';\nexport const x = path;"],
    ['renderer/x.tsx', "import { EventEmitter } from 'events';\nexport const x = EventEmitter;"],
    ['renderer/x.tsx', "import { readFile } from 'fs/promises';\nexport const x = readFile;"],
    ['renderer/x.tsx', "import { y } from '../main/services/vm.js';\nexport const x = y;"],
    ['main/services/x.ts', "import koffi from 'koffi';\nexport const x = koffi;"],
    ['preload/x.ts', "import koffi from 'koffi';\nexport const x = koffi;"],
    ['main/services/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['main/services/x.ts', "import { registerIpc } from '../electron/ipc.js';\nexport const x = registerIpc;"],
    ['main/services/vm/x.ts', "import { loadNativeHost } from '../../native/index.js';\nexport const x = loadNativeHost;"],
    ['main/services/x.ts', "import { startBrowserHost } from '../host/server.js';\nexport const x = startBrowserHost;"],
    ['bench/x.ts', "import koffi from 'koffi';\nexport const x = koffi;"],
    ['test/support/x.ts', "import koffi from 'koffi';\nexport const x = koffi;"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).not.toEqual([]);
  });

  it('app/ may not touch the DOM or the process', async () => {
    expect(await restrictedImports('app/config/x.ts', 'export const x = window.location;')).not.toEqual([]);
    expect(await restrictedImports('app/config/x.ts', 'export const x = process.env;')).not.toEqual([]);
  });

  it.each([
    ['main/native/x.ts', "import koffi from 'koffi';\nexport const x = koffi;"],
    ['test/support/native/x.ts', "import koffi from 'koffi';\nexport const x = koffi;"],
    ['main/services/x.ts', "import { type Hcs } from './ports.js';\nexport type X = Hcs;"],
    ['main/services/x.ts', "import { readSevenB } from '../../app/config/index.js';\nexport const x = readSevenB;"],
    ['renderer/x.tsx', "import { readSevenB } from '../app/config/index.js';\nexport const x = readSevenB;"],
    ['renderer/x.tsx', "import { EventsTab } from './events/EventsTab.js';\nexport const x = EventsTab;"],
    ['app/config/x.test.ts', "import fs from 'node:fs';\nexport const x = fs;"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});

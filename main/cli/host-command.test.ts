import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../app/ipc/dispatch.js';
import { exampleHandlers } from '../../test/support/contract-examples.js';
import { makeStaticDir, rawRequest } from '../../test/support/host.js';
import { defaultDataDir } from './data-dir.js';
import { runHost, type HostCommandDeps } from './host-command.js';
import { UsageError } from './output.js';

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

describe('hako host', () => {
  it('prints exactly one line with the URL, serves until told to stop, then disposes the services', async () => {
    const { staticDir } = await makeStaticDir();
    const { out, io: cliIo } = io();
    let stop!: () => void;
    let dataDir = '';
    let disposed = false;
    const deps: HostCommandDeps = {
      createServices: async (options) => {
        dataDir = options.dataDir;
        return { dispatch: createDispatcher(exampleHandlers()), events: { subscribe: () => () => undefined }, dispose: async () => void (disposed = true) };
      },
      until: new Promise<void>((resolve) => (stop = resolve)),
    };
    const running = runHost(['--static-dir', staticDir, '--data-dir', '/tmp/hako-data'], cliIo, deps);
    for (let i = 0; i < 200 && out.stdout === ''; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(out.stdout).toMatch(/^hako host: http:\/\/127\.0\.0\.1:\d+\/#secret=[A-Za-z0-9_-]{43}\n$/);
    expect(dataDir).toBe('/tmp/hako-data');
    const url = new URL(out.stdout.slice('hako host: '.length).trim());
    expect((await rawRequest(Number(url.port), url.pathname)).status).toBe(200);
    stop();
    expect(await running).toBe(0);
    expect(disposed).toBe(true);
    expect(out.stderr).toBe('');
  });

  it('refuses a bad port', async () => {
    const { io: cliIo } = io();
    for (const port of ['abc', '-1', '70000', '1.5', '']) {
      await expect(runHost([`--port=${port}`], cliIo, { until: Promise.resolve() })).rejects.toBeInstanceOf(UsageError);
    }
  });

  it('keeps its data where the Electron app keeps it', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming[\\/]Hako$/);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/me/.config' }, 'linux')).toBe('/home/me/.config/Hako');
  });
});

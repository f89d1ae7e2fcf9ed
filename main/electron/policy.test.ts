import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  bulkPlan,
  displayName,
  externalLinkTarget,
  isAllowedRequest,
  isAppUrl,
  isTrustedSender,
  pathsFromSecondInstance,
  quitDecision,
  quitPrompt,
  resolveAppAsset,
  sessionEndFallback,
  sessionEndReason,
  shouldRecreateWindow,
  trayModel,
  vmPathsFromArgv,
  type VmSummary,
} from './policy.js';

const vm = (name: string, state: VmSummary['state'], actions: VmSummary['actions'] = []): VmSummary => ({ path: `C:\\vms\\${name}.7b`, id: name, state, actions });

describe('the app:// origin', () => {
  it('accepts app://hako only, without credentials or port', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://hako/assets/x.js?v=1#a')).toBe(true);
    for (const url of ['app://other/index.html', 'app://hako:8080/', 'app://user@hako/', 'http://hako/', 'file:///C:/x', 'hako', '', 'app://hako.evil/']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('trusts only our window’s main frame on our origin', () => {
    const ok = { url: 'app://hako/index.html', isMainFrame: true, isOurWindow: true };
    expect(isTrustedSender(ok)).toBe(true);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender({ ...ok, url: null })).toBe(false);
    expect(isTrustedSender({ ...ok, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...ok, isOurWindow: false })).toBe(false);
    expect(isTrustedSender({ ...ok, url: 'https://example.com/' })).toBe(false);
    expect(isTrustedSender({ ...ok, url: 'devtools://devtools/bundled/x.html' })).toBe(false);
  });

  it('lets the renderer request only its own files (DevTools outside packaged builds)', () => {
    expect(isAllowedRequest('app://hako/assets/index.js', { devTools: false })).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', { devTools: false })).toBe(true);
    expect(isAllowedRequest('blob:app://hako/6d1c', { devTools: false })).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:1234/', 'ws://127.0.0.1/', 'file:///etc/passwd', 'blob:https://x/1', 'app://other/']) {
      expect(isAllowedRequest(url, { devTools: true }), url).toBe(false);
    }
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', { devTools: false })).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', { devTools: true })).toBe(true);
  });
});

describe('external links', () => {
  it('opens allowlisted https links only', () => {
    expect(externalLinkTarget('https://github.com/someone/hako/issues/1')).toBe('https://github.com/someone/hako/issues/1');
    expect(externalLinkTarget('https://github.com/M2Team/NanaBox/blob/main/Documents/GenerateVmmsCertificate.ps1')).not.toBeNull();
    expect(externalLinkTarget('https://learn.microsoft.com/en-us/virtualization/')).not.toBeNull();
    for (const url of [
      'http://github.com/x/hako',
      'https://github.com/x/other',
      'https://github.com/',
      'https://github.com/hako',
      'https://user:pw@github.com/x/hako',
      'https://github.com:444/x/hako',
      'https://github.com.evil.example/x/hako',
      'https://evil.example/?https://learn.microsoft.com',
      'javascript:alert(1)',
      'file:///C:/Windows/System32/calc.exe',
      'app://hako/index.html',
      'not a url',
    ]) {
      expect(externalLinkTarget(url), url).toBeNull();
    }
  });
});

describe('.7b paths from command lines', () => {
  it('takes non-switch arguments ending in .7b, packaged or not', () => {
    expect(vmPathsFromArgv(['C:\\Program Files\\Hako\\Hako.exe', 'C:\\vms\\a.7b'])).toEqual(['C:\\vms\\a.7b']);
    expect(vmPathsFromArgv(['electron.exe', '.', '--inspect=9229', 'D:\\x\\B.7B', '--original-process-start-time=1', 'notes.txt'])).toEqual(['D:\\x\\B.7B']);
    expect(vmPathsFromArgv(['Hako.exe', '--open=a.7b', '-x.7b', '.7b'])).toEqual([]);
    expect(vmPathsFromArgv(['Hako.exe', 'a\0.7b'])).toEqual([]);
    expect(vmPathsFromArgv(['Hako.exe', ...Array.from({ length: 40 }, (_, i) => `${i}.7b`)])).toHaveLength(16);
  });

  it('prefers the second instance’s additionalData over the argv Chromium rewrote', () => {
    expect(pathsFromSecondInstance({ openFiles: ['C:\\a.7b', 42, 'C:\\b.txt', 'C:\\c.7b'] }, ['Hako.exe', 'C:\\z.7b'])).toEqual(['C:\\a.7b', 'C:\\c.7b']);
    expect(pathsFromSecondInstance({ openFiles: [] }, ['Hako.exe', 'C:\\z.7b'])).toEqual([]);
    expect(pathsFromSecondInstance(null, ['Hako.exe', 'C:\\z.7b'])).toEqual(['C:\\z.7b']);
    expect(pathsFromSecondInstance({ openFiles: 'C:\\a.7b' }, ['Hako.exe'])).toEqual([]);
  });
});

describe('app:// requests → files of the built renderer', () => {
  for (const [platform, api, rootDir] of [
    ['posix', path.posix, '/opt/hako/resources/app.asar/out/renderer'],
    ['win32', path.win32, 'C:\\Program Files\\Hako\\resources\\app.asar\\out\\renderer'],
  ] as const) {
    describe(platform, () => {
      const resolve = (url: string, method = 'GET') => resolveAppAsset(url, method, rootDir, api);

      it('serves files under the root with their content type, and index.html for routes', () => {
        expect(resolve('app://hako/index.html')).toEqual({ status: 200, file: api.join(rootDir, 'index.html'), contentType: 'text/html; charset=utf-8' });
        expect(resolve('app://hako/assets/index-abc.js')).toMatchObject({ status: 200, file: api.join(rootDir, 'assets', 'index-abc.js'), contentType: 'text/javascript; charset=utf-8' });
        expect(resolve('app://hako/')).toMatchObject({ status: 200, file: api.join(rootDir, 'index.html') });
        expect(resolve('app://hako/vm/settings')).toMatchObject({ status: 200, file: api.join(rootDir, 'index.html') });
        expect(resolve('app://hako/assets/a%20b.css')).toMatchObject({ status: 200, file: api.join(rootDir, 'assets', 'a b.css') });
        expect(resolve('app://hako/index.html', 'HEAD')).toMatchObject({ status: 200 });
      });

      it('never resolves outside the root', () => {
        for (const url of ['app://hako/%2e%2e/%2e%2e/secret.txt', 'app://hako/../../secret.txt', 'app://hako/assets/./../../x.js', 'app://hako/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'app://hako/a/.%2E/.%2e/b.js']) {
          const result = resolve(url);
          if (result.status === 200) expect(api.relative(rootDir, result.file).startsWith('..'), url).toBe(false);
          else expect(result.status, url).toBe(403);
        }
      });

      it('refuses backslashes, drive letters, streams, NUL, devices, bad encodings, other origins and other methods', () => {
        for (const url of [
          'app://hako/..%5c..%5csecret.txt',
          'app://hako/assets/..%5Csecret.txt',
          'app://hako/C:%5CWindows%5Cwin.ini',
          'app://hako/C:/Windows/win.ini',
          'app://hako/index.html::$DATA',
          'app://hako/a%00.js',
          'app://hako/%E0%A4%A',
          'app://hako/nul.js',
          'app://hako/assets/CON',
          'app://other/index.html',
          'https://hako/index.html',
        ]) {
          expect(resolve(url).status, url).toBe(403);
        }
        expect(resolve('app://hako/index.html', 'POST').status).toBe(405);
      });
    });
  }
});

describe('quitting with running VMs', () => {
  it('asks nothing when nothing runs', () => {
    expect(quitPrompt([], { keepVmsRunning: true })).toBeNull();
  });

  it('offers leave / save / shut down / cancel, and says VMs left running are at the host’s mercy', () => {
    const prompt = quitPrompt(['alpha', 'beta'], { keepVmsRunning: true })!;
    expect(prompt.choices.map((c) => c.choice)).toEqual(['leave', 'save', 'shutdown', 'cancel']);
    expect(prompt.choices.map((c) => c.label)).toEqual(['Leave running', 'Save all', 'Shut down all', 'Cancel']);
    expect(prompt.message).toBe('2 virtual machines are running: alpha, beta.');
    expect(prompt.detail).toMatch(/re-attaches next time/);
    expect(prompt.detail).toMatch(/when Windows shuts down, restarts or signs you out, the host turns them off without saving/);
    expect(prompt.choices[prompt.defaultIndex]!.choice).toBe('save');
    expect(prompt.choices[prompt.cancelIndex]!.choice).toBe('cancel');
  });

  it('does not offer "leave running" when closing Hako would stop the VMs', () => {
    const prompt = quitPrompt(['alpha'], { keepVmsRunning: false })!;
    expect(prompt.choices.map((c) => c.choice)).toEqual(['save', 'shutdown', 'cancel']);
    expect(prompt.choices[0]!.label).toBe('Save');
    expect(prompt.message).toBe('The virtual machine alpha is running.');
  });

  it('shortens long lists', () => {
    expect(quitPrompt(['a', 'b', 'c', 'd', 'e', 'f', 'g'], { keepVmsRunning: true })!.message).toBe('7 virtual machines are running: a, b, c, d, e and 2 more.');
  });

  it('turns a choice into actions: paused VMs are saved, transitions are left alone', () => {
    const vms = [vm('run', 'Running', ['shutdown', 'save']), vm('paused', 'Paused', ['resume', 'save']), vm('starting', 'Starting', ['powerOff']), vm('off', 'Stopped', ['start'])];
    expect(quitDecision('leave', vms)).toEqual({ kind: 'quit' });
    expect(quitDecision('cancel', vms)).toEqual({ kind: 'cancel' });
    expect(quitDecision('save', vms)).toEqual({
      kind: 'act',
      plan: [
        { path: vms[0]!.path, action: 'save' },
        { path: vms[1]!.path, action: 'save' },
      ],
    });
    expect(quitDecision('shutdown', vms)).toEqual({
      kind: 'act',
      plan: [
        { path: vms[0]!.path, action: 'shutdown' },
        { path: vms[1]!.path, action: 'save' },
      ],
    });
    // A running VM that cannot shut down (no such action offered) is saved.
    expect(bulkPlan([vm('x', 'Running', ['save'])], 'shutdown')).toEqual([{ path: 'C:\\vms\\x.7b', action: 'save' }]);
  });
});

describe('Windows session end', () => {
  it('saves a VM whose shut down did not finish', () => {
    expect(sessionEndFallback({ path: 'a', action: 'shutdown', done: false })).toEqual({ path: 'a', action: 'save' });
    expect(sessionEndFallback({ path: 'a', action: 'shutdown', done: true })).toBeNull();
    expect(sessionEndFallback({ path: 'a', action: 'save', done: false })).toBeNull();
  });

  it('gives Windows a reason to show', () => {
    expect(sessionEndReason(1, 'save')).toBe('Hako is saving a virtual machine before Windows ends the session.');
    expect(sessionEndReason(3, 'shutdown')).toBe('Hako is shutting down 3 virtual machines before Windows ends the session.');
  });
});

describe('renderer crashes', () => {
  it('recreates the window unless it crashed three times within a minute', () => {
    expect(shouldRecreateWindow([], 100_000)).toBe(true);
    expect(shouldRecreateWindow([90_000, 95_000], 100_000)).toBe(true);
    expect(shouldRecreateWindow([50_000, 90_000, 95_000], 100_000)).toBe(false);
    expect(shouldRecreateWindow([10_000, 20_000, 30_000], 100_000)).toBe(true);
  });
});

describe('the tray', () => {
  it('lists VMs by name with their state and enables what the state allows', () => {
    const model = trayModel(
      [vm('zeta', 'Stopped', ['start']), vm('alpha', 'Running', ['shutdown', 'powerOff', 'pause', 'save', 'restart']), { path: 'C:\\vms\\no-name.7b', id: '', state: 'Paused', actions: ['resume', 'powerOff', 'save'] }],
    );
    expect(model.anyRunning).toBe(true);
    expect(model.tooltip).toBe('Hako — 2 virtual machines running');
    expect(model.vms.map((v) => v.label)).toEqual(['alpha — Running', 'no-name — Paused', 'zeta — Stopped']);
    const enabled = (i: number) => model.vms[i]!.actions.filter((a) => a.enabled).map((a) => a.action);
    expect(enabled(0)).toEqual(['show', 'connect', 'shutdown', 'powerOff', 'pause', 'save']);
    expect(enabled(1)).toEqual(['show', 'powerOff', 'resume', 'save']);
    expect(enabled(2)).toEqual(['show', 'start']);
    expect(model.vms[0]!.actions.map((a) => a.label)).toEqual(['Show in Hako', 'Connect', 'Start', 'Shut down', 'Power off', 'Pause', 'Resume', 'Save']);
  });

  it('names states as the window does, and counts a VM in transition as running', () => {
    const model = trayModel([vm('a', 'Stopping', ['powerOff']), vm('b', 'Starting', ['powerOff'])]);
    expect(model.vms.map((v) => v.label)).toEqual(['a — Stopping…', 'b — Starting…']);
    expect(model.tooltip).toBe('Hako — 2 virtual machines running');
  });

  it('shows an idle icon when nothing runs', () => {
    expect(trayModel([vm('a', 'Saved', ['start'])])).toMatchObject({ anyRunning: false, tooltip: 'Hako' });
    expect(displayName({ path: '/x/My VM.7b', id: ' ', state: 'Stopped', actions: [] })).toBe('My VM');
  });
});

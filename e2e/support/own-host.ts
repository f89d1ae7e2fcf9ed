/**
 * Specs that stop, restart or kill the host run against a host of their own (host-process.ts), with a
 * data folder of its own under the run's folder: `ownHost.app` is the page on it. The same checks as the
 * shared fixture apply: no uncaught page error, no CSP violation.
 */
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { HakoApp } from '../pages/index.js';
import { startHostProcess, type HostProcess } from './host-process.js';
import { e2eDir } from './vms.js';

export class OwnHost {
  readonly app: HakoApp;

  constructor(
    readonly page: Page,
    readonly dataDir: string,
    public process: HostProcess,
  ) {
    this.app = new HakoApp(page);
  }

  get url(): string {
    return this.process.url;
  }

  /** The port the host listens on. */
  get port(): number {
    return Number(new URL(this.process.url).port);
  }

  async open(): Promise<HakoApp> {
    await this.app.goto(this.process.url);
    return this.app;
  }

  /** Stops the host cleanly and starts a new one on the same data folder (a new port and secret). */
  async restart(): Promise<void> {
    await this.process.stop();
    this.process = await startHostProcess(this.dataDir);
  }

  /** Kills the host (SIGKILL), as a crash would. */
  async kill(): Promise<void> {
    await this.process.kill();
  }

  /** A new host on the same data folder and the same port: it has a new secret. */
  async startAgainOnSamePort(): Promise<void> {
    this.process = await startHostProcess(this.dataDir, this.port);
  }
}

export const test = base.extend<{ ownHost: OwnHost }>({
  ownHost: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
    });
    const dataDir = await mkdtemp(path.join(e2eDir(), 'own-host-'));
    const host = new OwnHost(page, dataDir, await startHostProcess(dataDir));
    try {
      await use(host);
    } finally {
      await host.process.stop();
    }
    expect(problems, 'page errors and CSP violations').toEqual([]);
  },
});

export { expect };

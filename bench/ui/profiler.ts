/**
 * A CPU profile of the page over part of a benchmark, through the DevTools protocol, to find where the
 * time of a figure goes. Written as a `.cpuprofile` (DevTools' Performance panel opens it) with a
 * summary of the functions that took the most time of their own.
 */
import { writeFile } from 'node:fs/promises';
import type { Browser, CDPSession, Page } from '@playwright/test';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

let session: CDPSession | null = null;
let traced: { browser: Browser } | null = null;

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly dur?: number;
  readonly tid: number;
}

/** Chromium's trace of the page (rendering included), summed by event name. */
export const tracer = {
  async start(page: Page): Promise<void> {
    const browser = page.context().browser();
    if (browser === null) throw new Error('tracer: the page has no browser');
    traced = { browser };
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'disabled-by-default-devtools.timeline'] });
  },
  async stop(file: string): Promise<void> {
    if (traced === null) throw new Error('tracer.stop before start');
    const buffer = await traced.browser.stopTracing();
    traced = null;
    await writeFile(file, buffer);
    const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
    const total = new Map<string, { ms: number; count: number }>();
    for (const event of traceEvents) {
      if (event.ph !== 'X' || event.dur === undefined) continue;
      const entry = total.get(event.name) ?? { ms: 0, count: 0 };
      entry.ms += event.dur / 1000;
      entry.count += 1;
      total.set(event.name, entry);
    }
    console.log(`trace: ${file}; longest in all (complete events, nested ones counted in their parents too):`);
    for (const [name, { ms, count }] of [...total].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ×${String(count).padStart(5)}  ${name}`);
  },
};

export const profiler = {
  async start(page: Page): Promise<void> {
    session = await page.context().newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 100 });
    await session.send('Profiler.start');
  },
  async stop(file: string): Promise<void> {
    if (session === null) throw new Error('profiler.stop before start');
    const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Profile };
    await session.detach();
    session = null;
    await writeFile(file, JSON.stringify(profile));
    const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const frame = byNode.get(id)!.callFrame;
      const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.log(`profile: ${file}; most self time:`);
    for (const [name, ms] of top) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
  },
};

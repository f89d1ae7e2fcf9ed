// Hard kills in the middle of saves: whenever the process dies, the file is the old content or the new,
// never torn, and the temp files killed writes leave behind are swept by the next writer. HAKO_FUZZ_KILLS
// sets the number of kills (npm run fuzz runs many more).
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_TEMP_AGE_MS, sweepStaleTemps } from './atomic.js';

const KILLS = Number(process.env.HAKO_FUZZ_KILLS ?? 40);
const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let script: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hako-kill-save-'));
  script = path.join(dir, 'save-loop.mjs');
  await build({ entryPoints: [path.join(root, 'test/support/processes/save-loop.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the save loop until it says it is ready, then kills it -9 after `ms`. */
function runAndKill(target: string, size: number, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, target, String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
}

describe('kill -9 during saves', () => {
  it(`leaves the old or the new file, never a torn one, over ${KILLS} kills; the next writer sweeps the temp files`, { timeout: Math.max(300_000, KILLS * 2_000) }, async () => {
    const target = path.join(dir, 'Lab.7b');
    // Large enough that a torn write would show: every byte of each version says which it is.
    const a = Buffer.alloc(256 * 1024, 'a');
    const b = Buffer.alloc(256 * 1024, 'b');
    await writeFile(target, a);
    let seen = { a: 0, b: 0 };
    for (let kill = 0; kill < KILLS; kill++) {
      await runAndKill(target, a.length, 5 + ((kill * 7919) % 60));
      const content = await readFile(target);
      const whole = content.equals(a) ? 'a' : content.equals(b) ? 'b' : null;
      expect(whole, `after kill ${kill}: ${content.length} bytes, starting ${content.subarray(0, 8).toString()}`).not.toBeNull();
      seen = { ...seen, [whole!]: seen[whole!] + 1 };
    }
    expect(seen.a + seen.b).toBe(KILLS);
    // Temp files of killed writes are swept once they are old enough that no live write can own them.
    const swept = await sweepStaleTemps(dir, Date.now() + STALE_TEMP_AGE_MS + 1);
    const left = (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
    expect(left).toEqual([]);
    console.log(`kill -9 harness: ${KILLS} kills, ${seen.a} left the old file, ${seen.b} the new, 0 torn, ${swept.length} temp files swept`);
  });
});

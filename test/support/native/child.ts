/**
 * Runs TypeScript in a Node process of its own, for native tests that need a fresh process (libraries
 * load once per process; the stand-ins' counters are per process). Linux only: it bundles with esbuild.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './stand-ins.js';

/** Bundles `source` (resolved from main/native) and runs it with node and `env`; returns its stdout. */
export async function runInChild(source: string, env: Record<string, string>, timeoutMs = 20_000): Promise<string> {
  const bundle = await build({
    stdin: { contents: source, resolveDir: path.join(repoRoot, 'main/native'), loader: 'ts', sourcefile: 'probe.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const dir = path.join(repoRoot, 'build', 'test');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `native-probe-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, bundle.outputFiles[0]!.text);
  try {
    return execFileSync(process.execPath, [file], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * The Windows workflow cannot run here, so this keeps it honest: every `npm run` script it names exists
 * in package.json, every file it runs or configures with exists, and it still does what issue 8 asks of
 * it — on windows-latest, the binding tests on the mingw stand-ins under native node, the binding tests
 * against the real DLLs where present, the packaging (NSIS and portable) and the packaged app kept as an
 * artifact.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const WORKFLOW = path.join(root, '.github/workflows/windows.yml');

/** Every `run:` command of a workflow (one line each; Hako's workflow has no multi-line ones). */
function runCommands(text: string): string[] {
  return [...text.matchAll(/^\s*(?:-\s+)?run:\s*(.+?)\s*$/gm)].map((m) => m[1]!);
}

/** What in `commands` does not exist: npm scripts missing from `scripts`, files missing under `base`. */
function missingReferences(commands: readonly string[], scripts: Readonly<Record<string, string>>, exists: (file: string) => boolean): string[] {
  const missing: string[] = [];
  for (const command of commands) {
    for (const m of command.matchAll(/\bnpm\s+(?:run|run-script)\s+([^\s-][^\s]*)/g)) if (!(m[1]! in scripts)) missing.push(`npm script "${m[1]}"`);
    for (const m of command.matchAll(/\bnpm\s+(test|start)\b/g)) if (!(m[1]! in scripts)) missing.push(`npm script "${m[1]}"`);
    for (const m of command.matchAll(/\bnode\s+([^\s-][^\s]*)/g)) if (!exists(m[1]!)) missing.push(`file ${m[1]}`);
    for (const m of command.matchAll(/(?:\s-c|\s--config)\s+([^\s]+)/g)) if (!exists(m[1]!)) missing.push(`file ${m[1]}`);
  }
  return missing;
}

const text = readFileSync(WORKFLOW, 'utf8');
const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const commands = runCommands(text);
const exists = (file: string) => existsSync(path.join(root, file));

describe('.github/workflows/windows.yml', () => {
  it('names only npm scripts and files that exist', () => {
    expect(commands.length).toBeGreaterThan(5);
    expect(missingReferences(commands, scripts, exists)).toEqual([]);
  });

  it('would catch a script or a file that does not exist', () => {
    expect(missingReferences(['npm run no-such-script', 'npm test', 'node scripts/nope.mjs --x', 'npx playwright test -c e2e/nope.config.ts'], { test: 'x' }, exists)).toEqual([
      'npm script "no-such-script"',
      'file scripts/nope.mjs',
      'file e2e/nope.config.ts',
    ]);
  });

  it('runs on windows-latest: the mingw stand-ins under native node, the real DLLs where present, the packaging, the artifact', () => {
    expect(text).toMatch(/runs-on:\s*windows-latest/);
    expect(commands).toContain('npm run build:win-stand-in');
    const unit = text.slice(text.indexOf('run: npm run test:unit'));
    expect(unit.slice(0, unit.indexOf('- name:'))).toMatch(/HAKO_STAND_IN_DIR:\s*build\/stand-in\/win/);
    expect(commands).toContain('npm run test:real-dlls');
    expect(commands.some((c) => c.startsWith('npm run dist'))).toBe(true);
    expect(text).toMatch(/uses:\s*actions\/upload-artifact@v\d[\s\S]*?path:[\s\S]*?dist\/\*\.exe/);
  });

  it('packages the targets electron-builder.yml names for Windows: nsis and portable', () => {
    const builder = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    const win = builder.slice(builder.indexOf('\nwin:'), builder.indexOf('\nnsis:'));
    expect(win).toMatch(/- target: nsis/);
    expect(win).toMatch(/- target: portable/);
  });
});

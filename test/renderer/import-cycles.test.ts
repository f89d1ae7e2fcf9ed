// The renderer's modules import in one direction (shell → features → kit, store, api): no module imports
// one that imports it back, type-only imports included. A cycle is how the settings tab and its sections
// ended up needing each other.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** Each module's relative imports, resolved to the files in `files`. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const specifiers = [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => m[1]!);
      const targets = specifiers.flatMap((specifier) => {
        const base = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '');
        return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].filter((candidate) => known.has(candidate)).slice(0, 1);
      });
      return [file, targets];
    }),
  );
}

function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const visit = (file: string, trail: string[]) => {
    state.set(file, 'open');
    trail.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...trail.slice(trail.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next, trail);
    }
    trail.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (state.get(file) === undefined) visit(file, []);
  return found;
}

describe('renderer imports', () => {
  it('form no cycles', () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(50);
    expect(cycles(importGraph(files)).map((cycle) => cycle.map((file) => path.relative(SRC, file)).join(' → '))).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
  });
});

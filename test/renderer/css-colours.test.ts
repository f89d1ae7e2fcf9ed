// Every colour of the UI lives in renderer/src/styles/tokens.css (light, dark and high contrast, in one
// place); every other stylesheet names a token. A colour written anywhere else would skip the dark theme
// and Windows' high-contrast themes, so this fails on one.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../renderer/src');
const TOKENS = path.join(SRC, 'styles', 'tokens.css');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? cssFiles(file) : entry.name.endsWith('.css') ? [file] : [];
  });
}

/** Properties whose values are (or hold) colours. */
const COLOUR_PROPERTY = /^(?:--.*|color|background(?:-color)?|border(?:-(?:top|right|bottom|left|block|inline))?(?:-color)?|outline(?:-color)?|fill|stroke|box-shadow|text-shadow|accent-color|caret-color|text-decoration(?:-color)?|column-rule(?:-color)?)$/i;

/** Words that may stand in a colour property's value without being a colour. */
const NOT_COLOURS = new Set(['transparent', 'currentcolor', 'inherit', 'initial', 'unset', 'revert', 'none', 'solid', 'dashed', 'dotted', 'double', 'inset', 'auto', 'thin', 'medium', 'thick', 'important']);

const COLOUR_FUNCTION = /\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color|color-mix|light-dark)\(/i;
const HEX_COLOUR = /#[0-9a-f]{3,8}\b/i;

/** The colours a stylesheet writes itself, as `property: value` lines. */
function rawColours(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const found: string[] = [];
  for (const [, property, value] of text.matchAll(/([a-z-]+)\s*:\s*([^;{}]+)[;}]/gi)) {
    if (!COLOUR_PROPERTY.test(property!)) continue;
    const words = value!
      .replace(/var\([^)]*\)/g, ' ')
      .replace(/calc\([^)]*\)/g, ' ')
      .replace(/-?\d*\.?\d+(?:[a-z%]+)?/gi, ' ')
      .match(/[a-z][a-z-]*/gi);
    const named = (words ?? []).filter((word) => !NOT_COLOURS.has(word.toLowerCase()));
    if (HEX_COLOUR.test(value!) || COLOUR_FUNCTION.test(value!) || named.length > 0) found.push(`${property}: ${value!.trim()}`);
  }
  return found;
}

describe('colours', () => {
  it('are written only in styles/tokens.css', () => {
    const files = cssFiles(SRC).filter((file) => file !== TOKENS);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) => rawColours(readFileSync(file, 'utf8')).map((line) => `${path.relative(SRC, file)}: ${line}`));
    expect(offenders).toEqual([]);
  });

  it('are found however they are written', () => {
    expect(rawColours('.a { color: #fff; }')).toHaveLength(1);
    expect(rawColours('.a { background: linear-gradient(135deg, var(--x), rgb(0 0 0 / 10%)); }')).toHaveLength(1);
    expect(rawColours('.a { border: 1px solid red; }')).toHaveLength(1);
    expect(rawColours('.a { outline: 2px solid Highlight; }')).toHaveLength(1);
    expect(rawColours('.a { box-shadow: 0 0 0 1px var(--border); border: 1px solid transparent; color: currentColor; }')).toEqual([]);
    expect(rawColours('.a:has(input:focus-visible) { outline: 2px solid var(--text); }')).toEqual([]);
  });

  it('in the tokens file, have a value for the light theme, the dark theme and high contrast', () => {
    const tokens = readFileSync(TOKENS, 'utf8');
    expect(tokens).toMatch(/:root\[data-theme='dark'\]/);
    expect(tokens).toMatch(/@media \(forced-colors: active\)/);
  });
});

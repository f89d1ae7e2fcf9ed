/**
 * Writing JSON text as nlohmann's `dump(2)` does (NanaBox writes `.7b` files with it): two-space indent,
 * keys in byte order, nlohmann's escaping, numbers exactly as they were read.
 */
import { JsonNumber, type JsonValue } from './json.js';

/**
 * Orders keys by their UTF-8 bytes (what nlohmann's std::map does), which is code-point order.
 * Plain `<` compares UTF-16 units and puts U+E000–U+FFFF after astral characters.
 */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Already-canonical JSON text embedded as is (re-indented to its depth). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Object entries already in key order (the writer builds them that way, so dumping need not sort). */
export class SortedObject {
  constructor(readonly entries: readonly (readonly [string, Dumpable])[]) {}
}

/** What {@link dumpJson} writes: JSON values, plain numbers, and plain objects for convenience. */
export type Dumpable =
  | null
  | boolean
  | string
  | number
  | JsonNumber
  | RawJson
  | SortedObject
  | readonly Dumpable[]
  | ReadonlyMap<string, Dumpable>
  | { readonly [key: string]: Dumpable };

/**
 * Writes JSON exactly like nlohmann's `dump(2)`: keys sorted by byte value, two-space indent, `": "`
 * between key and value, LF line ends, no trailing newline, non-ASCII raw, `/` unescaped.
 */
export function dumpJson(value: Dumpable): string {
  return write(value, '');
}

function write(value: Dumpable, indent: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('JSON cannot hold ' + String(value));
      return String(value);
  }
  if (value instanceof JsonNumber) return value.text;
  if (value instanceof RawJson) return indent === '' ? value.text : value.text.replace(/\n/g, '\n' + indent);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    const items = value as readonly Dumpable[];
    if (items.length === 0) return '[]';
    let out = '[\n' + inner + write(items[0]!, inner);
    for (let i = 1; i < items.length; i++) out += ',\n' + inner + write(items[i]!, inner);
    return out + '\n' + indent + ']';
  }
  const entries = value instanceof SortedObject ? value.entries : sortedEntries(value as ReadonlyMap<string, Dumpable> | { readonly [key: string]: Dumpable });
  if (entries.length === 0) return '{}';
  let out = '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, item] = entries[i]!;
    out += (i === 0 ? '\n' : ',\n') + inner + quote(key) + ': ' + write(item, inner);
  }
  return out + '\n' + indent + '}';
}

function sortedEntries(value: ReadonlyMap<string, Dumpable> | { readonly [key: string]: Dumpable }): [string, Dumpable][] {
  const entries: [string, Dumpable][] = value instanceof Map ? [...(value as ReadonlyMap<string, Dumpable>)] : Object.entries(value);
  return entries.sort((a, b) => compareKeys(a[0], b[0]));
}

const SHORT_ESCAPES: Record<number, string> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** nlohmann's escaping: short forms where they exist, other control characters as lower-case `\u00xx`. */
export function quote(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return '"' + text + '"';
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) {
      out += SHORT_ESCAPES[c] ?? '\\u' + c.toString(16).padStart(4, '0');
    } else {
      out += text[i];
    }
  }
  return out + '"';
}

/** Canonical text of a parsed value: keys sorted at every level, numbers as written. */
export function canonicalJson(value: JsonValue): string {
  return dumpJson(value);
}

/** Short one-line rendering of a value for messages, truncated. */
export function describeJson(value: JsonValue | undefined, limit = 60): string {
  if (value === undefined) return '(missing)';
  const text = dumpJson(value).replace(/\n\s*/g, ' ');
  return text.length > limit ? text.slice(0, limit - 1) + '…' : text;
}

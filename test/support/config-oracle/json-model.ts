// The round-trip tests' own JSON: a tree that keeps number literals as written, a strict parser for
// Hako's output and an emulation of Python's json.dumps, written independently of app/config/json.ts.
// ---------------------------------------------------------------------------------------------
// A JSON tree that keeps number literals as written and object members in order.

export type J =
  | { readonly t: 'null' }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'num'; readonly text: string }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'arr'; readonly items: readonly J[] }
  | { readonly t: 'obj'; readonly entries: readonly (readonly [string, J])[] };
export type JObj = Extract<J, { t: 'obj' }>;
export type JArr = Extract<J, { t: 'arr' }>;

export const NULL: J = { t: 'null' };
export const jbool = (v: boolean): J => ({ t: 'bool', v });
export const jnum = (text: string): J => ({ t: 'num', text });
export const jstr = (v: string): J => ({ t: 'str', v });
export const jarr = (items: readonly J[]): J => ({ t: 'arr', items });
/** One member per key, the last one winning (the generators never rely on duplicates: see `serialise`). */
export function jobj(entries: readonly (readonly [string, J])[]): JObj {
  const last = new Map<string, J>();
  for (const [key, value] of entries) {
    last.delete(key);
    last.set(key, value);
  }
  return { t: 'obj', entries: [...last] };
}
export const isObj = (v: J | undefined): v is JObj => v?.t === 'obj';
export const isArr = (v: J | undefined): v is JArr => v?.t === 'arr';
export const get = (o: JObj, key: string): J | undefined => o.entries.find(([k]) => k === key)?.[1];

/** Code-point order, computed on UTF-8 bytes (Python's `sorted` on str, nlohmann's std::map). */
export const byCodePoint = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export function jsonEqual(a: J, b: J): boolean {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'null':
      return true;
    case 'bool':
      return a.v === (b as typeof a).v;
    case 'num':
      return a.text === (b as typeof a).text;
    case 'str':
      return a.v === (b as typeof a).v;
    case 'arr': {
      const other = b as typeof a;
      return a.items.length === other.items.length && a.items.every((item, i) => jsonEqual(item, other.items[i]!));
    }
    case 'obj': {
      const other = b as typeof a;
      if (a.entries.length !== other.entries.length) return false;
      return a.entries.every(([key, value]) => {
        const match = get(other, key);
        return match !== undefined && jsonEqual(value, match);
      });
    }
  }
}

/** A small strict JSON parser for Hako's output (which must be valid JSON). */
export function parseStrict(text: string): J {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`output is not JSON at ${i}: ${what}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const str = (): string => {
    if (text[i] !== '"') fail('expected a string');
    i++;
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) return fail('unterminated string');
      if (c === '"') {
        i++;
        return out;
      }
      if (c.charCodeAt(0) < 0x20) fail('raw control character');
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      i += 2;
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && e in simple) out += simple[e];
      else if (e === 'u') {
        const hex = text.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u');
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
      } else fail('bad escape');
    }
  };
  const value = (): J => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, J][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { t: 'obj', entries };
      }
      for (;;) {
        ws();
        const key = str();
        ws();
        if (text[i++] !== ':') fail("expected ':'");
        entries.push([key, value()]);
        ws();
        const d = text[i++];
        if (d === '}') return { t: 'obj', entries };
        if (d !== ',') fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: J[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return jarr(items);
      }
      for (;;) {
        items.push(value());
        ws();
        const d = text[i++];
        if (d === ']') return jarr(items);
        if (d !== ',') fail("expected ',' or ']'");
      }
    }
    if (c === '"') return jstr(str());
    for (const [word, v] of [['true', jbool(true)], ['false', jbool(false)], ['null', NULL]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = i;
    const match = m.exec(text);
    if (match === null) return fail('expected a value');
    i += match[0].length;
    return jnum(match[0]);
  };
  const result = value();
  ws();
  if (i !== text.length) fail('trailing text');
  return result;
}

/**
 * Python's `json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False)`, written independently of
 * json.ts. Numbers are printed as their literal (Python prints integers the same way).
 */
export function pyDumps(value: J, indent = ''): string {
  switch (value.t) {
    case 'null':
      return 'null';
    case 'bool':
      return value.v ? 'true' : 'false';
    case 'num':
      return value.text;
    case 'str':
      return pyString(value.v);
    case 'arr': {
      if (value.items.length === 0) return '[]';
      const inner = indent + '  ';
      return '[\n' + value.items.map((item) => inner + pyDumps(item, inner)).join(',\n') + '\n' + indent + ']';
    }
    case 'obj': {
      if (value.entries.length === 0) return '{}';
      const inner = indent + '  ';
      const sorted = [...value.entries].sort((a, b) => byCodePoint(a[0], b[0]));
      return '{\n' + sorted.map(([k, v]) => inner + pyString(k) + ': ' + pyDumps(v, inner)).join(',\n') + '\n' + indent + '}';
    }
  }
}

/** Python's ESCAPE_DCT: short forms for " \ \b \f \n \r \t, `\u00xx` (lower-case) for other C0 controls. */
export function pyString(s: string): string {
  const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch in short) out += short[ch];
    else if (code < 0x20) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

export type Seg = string | number;
export function ptr(path: readonly Seg[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function at(root: J, path: readonly Seg[]): J | undefined {
  let cur: J | undefined = root;
  for (const seg of path) {
    if (isObj(cur) && typeof seg === 'string') cur = get(cur, seg);
    else if (isArr(cur) && typeof seg === 'number') cur = cur.items[seg];
    else return undefined;
  }
  return cur;
}

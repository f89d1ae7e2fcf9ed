/**
 * Strict RFC 8259 JSON, read and written the way NanaBox's JSON library (nlohmann/json 3.12) does it.
 *
 * `JSON.parse` cannot be used: it hides duplicate keys, loses integers beyond 2^53, cannot tell `1`
 * from `1.0` or `-0` from `0` (NanaBox treats them differently), accepts lone surrogate escapes and
 * reports no line and column.
 */
import { pointer } from './json-pointer.js';

/** Integer literals keep nlohmann's class: no sign → unsigned, leading `-` → signed; anything else is a float. */
export type NumberKind = 'unsigned' | 'signed' | 'float';

export class JsonNumber {
  constructor(
    /** The literal as written in the file. */
    readonly text: string,
    readonly kind: NumberKind,
  ) {}

  /** The integer value, for the integer kinds. */
  get integer(): bigint | null {
    return this.kind === 'float' ? null : BigInt(this.text);
  }
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
/** Objects keep one entry per key, the last occurrence winning, as in NanaBox. */
export type JsonObject = Map<string, JsonValue>;

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return value instanceof Map;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    /** Offset in UTF-16 code units into the parsed text. */
    readonly offset: number,
    readonly line: number,
    /** 1-based, in characters (code points). */
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export interface DuplicateKey {
  /** JSON Pointer of the key that occurred more than once. */
  readonly path: string;
}

export interface ParsedJson {
  readonly value: JsonValue;
  readonly duplicates: DuplicateKey[];
}

const UINT64_MAX = 0xffff_ffff_ffff_ffffn;
const INT64_MIN = -0x8000_0000_0000_0000n;

/**
 * Deeper nesting is refused. NanaBox's parser has no limit, but no real `.7b` file comes anywhere near
 * this, and recursion (here and in the canonical writer) must not overflow the stack.
 */
export const MAX_NESTING_DEPTH = 512;

/** Parses strict JSON text; throws {@link JsonSyntaxError} with a position on any deviation. */
export function parseJson(text: string): ParsedJson {
  return new Parser(text).parseDocument();
}

class Parser {
  private pos = 0;
  private readonly duplicates: DuplicateKey[] = [];
  /** Keys and indices from the root to the value being parsed, for duplicate-key pointers. */
  private readonly trail: (string | number)[] = [];
  private depth = 0;

  constructor(private readonly text: string) {}

  private enter(): void {
    if (++this.depth > MAX_NESTING_DEPTH) this.fail(`nesting deeper than ${MAX_NESTING_DEPTH} levels`);
  }

  parseDocument(): ParsedJson {
    this.skipWhitespace();
    const value = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('expected end of input');
    return { value, duplicates: this.duplicates };
  }

  private parseValue(): JsonValue {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b /* { */:
        return this.parseObject();
      case 0x5b /* [ */:
        return this.parseArray();
      case 0x22 /* " */:
        return this.parseString();
      case 0x74 /* t */:
        return this.parseLiteral('true', true);
      case 0x66 /* f */:
        return this.parseLiteral('false', false);
      case 0x6e /* n */:
        return this.parseLiteral('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.parseNumber();
        return this.fail(this.pos >= this.text.length ? 'unexpected end of input; expected a value' : 'expected a value');
    }
  }

  private parseObject(): JsonObject {
    const object: JsonObject = new Map();
    this.enter();
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      this.depth--;
      return object;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail('expected a string key');
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) this.fail("expected ':' after an object key");
      this.pos++;
      this.skipWhitespace();
      this.trail.push(key);
      const value = this.parseValue();
      if (object.has(key)) {
        this.duplicates.push({ path: pointer(this.trail) });
        object.delete(key);
      }
      this.trail.pop();
      object.set(key, value);
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x7d) {
        this.depth--;
        return object;
      }
      if (c !== 0x2c) this.fail("expected ',' or '}' after an object member", this.pos - 1);
      this.skipWhitespace();
    }
  }

  private parseArray(): JsonValue[] {
    const array: JsonValue[] = [];
    this.enter();
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      this.depth--;
      return array;
    }
    for (;;) {
      this.trail.push(array.length);
      array.push(this.parseValue());
      this.trail.pop();
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x5d) {
        this.depth--;
        return array;
      }
      if (c !== 0x2c) this.fail("expected ',' or ']' after an array element", this.pos - 1);
      this.skipWhitespace();
    }
  }

  private parseString(): string {
    const text = this.text;
    const start = ++this.pos;
    // Fast path: no escapes.
    let i = start;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return text.slice(start, i);
      }
      if (c === 0x5c || c < 0x20 || Number.isNaN(c)) break;
      i++;
    }
    let out = text.slice(start, i);
    this.pos = i;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail('unterminated string');
      if (c === 0x22) {
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail('control character in a string must be escaped');
      if (c !== 0x5c) {
        const runStart = this.pos;
        while (this.pos < text.length) {
          const d = text.charCodeAt(this.pos);
          if (d === 0x22 || d === 0x5c || d < 0x20) break;
          this.pos++;
        }
        out += text.slice(runStart, this.pos);
        continue;
      }
      const escape = text[this.pos + 1];
      this.pos += 2;
      switch (escape) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u':
          out += this.parseUnicodeEscape();
          break;
        default:
          this.fail('invalid escape sequence', this.pos - 2);
      }
    }
  }

  /** Called just after `\u`; surrogates must come in well-formed pairs, as nlohmann requires. */
  private parseUnicodeEscape(): string {
    const escapeStart = this.pos - 2;
    const unit = this.readHex4();
    if (unit >= 0xdc00 && unit <= 0xdfff) this.fail('unpaired low surrogate escape', escapeStart);
    if (unit < 0xd800 || unit > 0xdbff) return String.fromCharCode(unit);
    if (this.text.charCodeAt(this.pos) !== 0x5c || this.text.charCodeAt(this.pos + 1) !== 0x75) {
      this.fail('unpaired high surrogate escape', escapeStart);
    }
    this.pos += 2;
    const low = this.readHex4();
    if (low < 0xdc00 || low > 0xdfff) this.fail('unpaired high surrogate escape', escapeStart);
    return String.fromCharCode(unit, low);
  }

  private readHex4(): number {
    const digits = this.text.slice(this.pos, this.pos + 4);
    if (!/^[0-9A-Fa-f]{4}$/.test(digits)) this.fail('\\u must be followed by four hexadecimal digits');
    this.pos += 4;
    return parseInt(digits, 16);
  }

  private parseNumber(): JsonNumber {
    const text = this.text;
    const start = this.pos;
    let i = start;
    const negative = text.charCodeAt(i) === 0x2d;
    if (negative) i++;
    const firstDigit = text.charCodeAt(i);
    if (firstDigit === 0x30) {
      i++;
    } else if (firstDigit >= 0x31 && firstDigit <= 0x39) {
      while (isDigit(text.charCodeAt(i))) i++;
    } else {
      this.fail("expected a digit after '-'", i);
    }
    let isFloat = false;
    if (text.charCodeAt(i) === 0x2e) {
      isFloat = true;
      i++;
      if (!isDigit(text.charCodeAt(i))) this.fail("expected a digit after '.'", i);
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      isFloat = true;
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      if (!isDigit(text.charCodeAt(i))) this.fail('expected a digit in the exponent', i);
      while (isDigit(text.charCodeAt(i))) i++;
    }
    this.pos = i;
    const literal = text.slice(start, i);
    // nlohmann falls back to a float when an integer does not fit its 64-bit type...
    if (!isFloat && literal.length >= 19) {
      const value = BigInt(literal);
      isFloat = negative ? value < INT64_MIN : value > UINT64_MAX;
    }
    if (!isFloat) return new JsonNumber(literal, negative ? 'signed' : 'unsigned');
    // ...and refuses the document when a float overflows a double (its out_of_range.406).
    if (!Number.isFinite(Number(literal))) this.fail(`number overflow parsing '${literal.length > 20 ? literal.slice(0, 20) + '…' : literal}'`, start);
    return new JsonNumber(literal, 'float');
  }

  private parseLiteral<T extends boolean | null>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`invalid literal; expected '${word}'`);
    this.pos += word.length;
    return value;
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.pos = i;
  }

  private fail(message: string, at = this.pos): never {
    const { line, column } = lineAndColumn(this.text, at);
    throw new JsonSyntaxError(message, at, line, column);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  // Columns count characters, not UTF-16 units, so an emoji before the error counts once.
  let column = 1;
  for (let i = lineStart; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    column++;
  }
  return { line, column };
}

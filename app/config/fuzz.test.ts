// Mutation fuzzing of the `.7b` reader with a fixed seed: whatever the bytes, readSevenB returns (never
// throws), quickly, with either exactly one refusal or a file whose canonical text is stable; and
// `hako config check` never touches the file it checks.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderFinding } from './findings.js';
import { readSevenB, type ReadOptions, type ReadResult } from './read.js';
import { encodeSevenB, formatSevenB } from './write.js';

/** Inputs in all: 10,000 in `npm test`; `npm run fuzz -- <count>` sets more. */
const FUZZ_INPUTS = Number(process.env.HAKO_FUZZ_COUNT ?? 10_000);
const FIXTURE = path.resolve(import.meta.dirname, '../../test/fixtures/nanabox/DocumentedExample.7b');
const BOM = [0xef, 0xbb, 0xbf];
const encoder = new TextEncoder();
const withBom = (text: string) => new Uint8Array([...BOM, ...encoder.encode(text)]);

const MINIMAL = '{"NanaBox":{"Type":"VirtualMachine","Version":1,"Name":"t","ProcessorCount":1,"MemorySize":512}}';
const RICH = `{
  "$schema": "https://example.invalid/7b.json",
  "NanaBox": {
    "Type": "VirtualMachine", "Version": 1, "GuestType": "Linux", "Name": "Rich \\u00e9\\ud83d\\ude00 \\"q\\" \\\\ \\/",
    "ProcessorCount": 4294967298, "MemorySize": 2048, "name": "case variant", "TPM": true, "Tpm": true,
    "ComPorts": {"UefiConsole": "ComPort2", "ComPort2": "\\\\\\\\.\\\\pipe\\\\p", "Extra": [1.0, -0, 1e2]},
    "Gpu": {"AssignmentMode": "List", "EnableHostDriverStore": true, "SelectedDevices": ["b", {"DeviceInterface": "a", "PartitionId": 3, "x": {"y": null}}, "b", {"PartitionId": 1}, ""]},
    "NetworkAdapters": [{"Connected": true, "MacAddress": "00-15-5D-64-2F-AB", "Unknown": {"k": [true]}}, 42, null, {"Connected": 1}],
    "ScsiDevices": [{"Type": "VirtualDisk", "Path": "a.vhdx", "Enabled": true}, {"Type": "VirtualImage"}, {"Type": "virtualdisk", "Path": "x"}, {"Type": "PhysicalDevice"}],
    "Keyboard": {"FullScreenHotkey": -1, "CtrlEscHotkey": 4294967296, "AltTabHotkey": 33.0, "Z": 18446744073709551616},
    "EnhancedSession": {"RedirectAudio": false, "Drives": ["c:", "D", "1", 5], "Devices": ["USB\\\\VID_1234", ""]},
    "ChipsetInformation": {"UUID": "not-a-guid", "SKUNumber": 7},
    "VideoMonitor": {"HorizontalResolution": 65537, "VerticalResolution": 1080, "EnableContentResizing": true},
    "Policies": ["LegacyGpaLayout", "Mystery", "", 3],
    "Plan9Shares": [{"Path": "C:\\\\share", "Name": "s", "Port": 50001, "ReadOnly": true}, {"Path": "p", "Name": "n"}, {"Name": "no path"}],
    "VirtualSmbShares": [{"Path": "C:\\\\smb", "Name": "smb"}, "junk"],
    "Hako": {"SecureBootTemplate": "MicrosoftUEFICertificateAuthority", "Later": {}},
    "SecureBoot": true, "ExposeVirtualizationExtensions": "yes", "GuestStateFile": "g.vmgs", "SaveStateFile": ""
  },
  "\\ue000": "private use", "😀": "astral", "10": 10, "9": 9
}`;
const UNICODE = '{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1,"Name":"名前\\u0000\\u001f\u2028\uFEFF","GuestType":"Windows\\u0000","Hako":{"\u00e9":"\\ud800\\udc00"}}}';

/** Small deterministic PRNG (mulberry32), so every run fuzzes the same inputs. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const INTERESTING_BYTES = [0x00, 0x09, 0x0a, 0x0d, 0x20, 0x22, 0x2c, 0x2d, 0x2e, 0x30, 0x31, 0x3a, 0x45, 0x5b, 0x5c, 0x5d, 0x65, 0x75, 0x7b, 0x7d, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xed, 0xef, 0xf4, 0xf5, 0xff];
const INVALID_UTF8 = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf5], [0x80], [0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xf4, 0x90, 0x80, 0x80], [0xc2], [0xef, 0xbb]];
const NUMBERS = ['-0', '1.0', '1e2', '0', '-1', '18446744073709551615', '18446744073709551616', '-9223372036854775808', '-9223372036854775809', '4294967296', '4294967297', '65535', '65536', '2147483648', '01', '1.', '.5', '+1', '1e', '0x10', 'NaN', 'Infinity'];
const STRINGS = ['""', '"\\u0000"', '"\\ud800"', '"\\udc00x"', '"\\ud83d\\ude00"', '"\\x"', '"\t"', '"\u2028"', '"Windows"', '"List"', '"VirtualImage"', '"\\""', '"😀"'];
const SNIPPETS = ['{}', '[]', 'null', 'true', 'false', ',', ':', '{"a":1}', '[1,2,]', '{,}', '//c', '/*c*/', '"NanaBox"', '"Type":"VirtualMachine",'];

function splice(bytes: Uint8Array, at: number, remove: number, insert: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** One random mutation of the bytes. */
function mutate(bytes: Uint8Array, r: Rng): Uint8Array {
  const at = r.int(bytes.length + 1);
  const text = new TextDecoder().decode(bytes);
  switch (r.int(11)) {
    case 0: {
      const out = bytes.slice();
      if (at < out.length) out[at] = out[at]! ^ (1 << r.int(8));
      return out;
    }
    case 1:
      return splice(bytes, at, 0, [r.next() < 0.5 ? r.pick(INTERESTING_BYTES) : r.int(256)]);
    case 2:
      return splice(bytes, at, Math.min(bytes.length - at, 1 + r.int(8)), []);
    case 3: {
      // Duplicate a span somewhere else (duplicated keys, members, brackets…).
      const start = r.int(bytes.length);
      const span = bytes.slice(start, start + 1 + r.int(64));
      return splice(bytes, at, 0, span);
    }
    case 4:
      return splice(bytes, at, 0, r.pick(INVALID_UTF8));
    case 5: {
      // Replace a number literal.
      const numbers = [...text.matchAll(/-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/g)];
      if (numbers.length === 0) return bytes;
      const m = r.pick(numbers);
      return withBomLike(bytes, text.slice(0, m.index) + r.pick(NUMBERS) + text.slice(m.index + m[0].length));
    }
    case 6: {
      // Replace a string literal.
      const strings = [...text.matchAll(/"(?:[^"\\]|\\.)*"/g)];
      if (strings.length === 0) return bytes;
      const m = r.pick(strings);
      return withBomLike(bytes, text.slice(0, m.index) + r.pick(STRINGS) + text.slice(m.index + m[0].length));
    }
    case 7: {
      // Repeat a whole member: `"key": value,` twice makes a duplicate key.
      const members = [...text.matchAll(/"[A-Za-z0-9]+"\s*:\s*(?:"(?:[^"\\]|\\.)*"|[-0-9.eE+]+|true|false|null)\s*,/g)];
      if (members.length === 0) return bytes;
      const m = r.pick(members);
      return withBomLike(bytes, text.slice(0, m.index) + m[0] + m[0] + text.slice(m.index));
    }
    case 8:
      return splice(bytes, at, 0, encoder.encode(r.pick(SNIPPETS)));
    case 9:
      return bytes.slice(0, at);
    default:
      return mutate(mutate(bytes, r), r);
  }
}
/** Re-encodes text as UTF-8, keeping the BOM when the original had it (TextDecoder drops it). */
function withBomLike(original: Uint8Array, text: string): Uint8Array {
  const hadBom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  return hadBom ? withBom(text) : encoder.encode(text);
}

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = (bom ? '\uFEFF' : '') + text;
  const out = new Uint8Array(units.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
  return out;
}

interface Input {
  readonly name: string;
  readonly bytes: Uint8Array;
}

function buildInputs(): Input[] {
  const fixture = new Uint8Array(readFileSync(FIXTURE));
  const fixtureText = new TextDecoder().decode(fixture);
  const seeds: Input[] = [
    { name: 'fixture', bytes: fixture },
    { name: 'minimal', bytes: withBom(MINIMAL) },
    { name: 'rich', bytes: withBom(RICH) },
    { name: 'unicode', bytes: withBom(UNICODE) },
  ];
  const inputs: Input[] = [...seeds];
  // Every prefix of the fixture, from the empty file to the whole file.
  for (let n = 0; n <= fixture.length; n++) inputs.push({ name: `fixture[0:${n}]`, bytes: fixture.subarray(0, n) });
  // Whole-file transformations.
  for (const seed of seeds) {
    const text = new TextDecoder().decode(seed.bytes);
    inputs.push({ name: `${seed.name} without BOM`, bytes: encoder.encode(text) });
    inputs.push({ name: `${seed.name} with two BOMs`, bytes: new Uint8Array([...BOM, ...seed.bytes]) });
    for (const le of [true, false]) {
      for (const bom of [true, false]) inputs.push({ name: `${seed.name} UTF-16${le ? 'LE' : 'BE'}${bom ? ' with BOM' : ''}`, bytes: utf16(text, le, bom) });
    }
    inputs.push({ name: `${seed.name} CRLF`, bytes: withBom(text.replace(/\n/g, '\r\n')) });
    inputs.push({ name: `${seed.name} minified`, bytes: withBom(text.replace(/\s+(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)/g, '')) });
  }
  // Random mutations, one to a few at a time, up to HAKO_FUZZ_COUNT inputs in all (npm run fuzz runs more).
  const r = rng(0x7b7b);
  const mutants = Math.max(3000, FUZZ_INPUTS - inputs.length);
  for (let i = 0; i < mutants; i++) {
    const seed = r.pick(seeds);
    let bytes = seed.bytes;
    const rounds = 1 + r.int(3);
    for (let k = 0; k < rounds; k++) bytes = mutate(bytes, r);
    inputs.push({ name: `${seed.name} mutant ${i}`, bytes });
  }
  // Big inputs: long strings, long arrays, many keys, many duplicates.
  const big = (name: string, extra: string) =>
    inputs.push({ name, bytes: withBom(`{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1${extra}}}`) });
  big('2 MB Name', `,"Name":"${'x'.repeat(2_000_000)}"`);
  big('1 MB escaped unknown', `,"Blob":"${'\\n\\u00e9\\ud83d\\ude00'.repeat(60_000)}"`);
  big('unterminated 1 MB string', `,"Name":"${'y'.repeat(1_000_000)}`);
  big('200k-element unknown array', `,"Big":[${Array(200_000).fill('1').join(',')}]`);
  big('20k adapters', `,"NetworkAdapters":[${Array(20_000).fill('{"Connected":true}').join(',')}]`);
  big('20k duplicate keys', `,"Name":"a"${',"Name":"b"'.repeat(20_000)}`);
  big('20k unknown keys', Array.from({ length: 20_000 }, (_, i) => `,"k${i}":${i}`).join(''));
  big('5k GPU devices', `,"Gpu":{"AssignmentMode":"List","SelectedDevices":[${Array.from({ length: 5000 }, (_, i) => `"d${5000 - i}"`).join(',')}]}`);
  big('nesting 1000 deep in an unknown key', `,"Deep":${'['.repeat(1000)}${']'.repeat(1000)}`);
  big('nesting 1000 deep in a known key', `,"Keyboard":${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`);
  inputs.push({ name: 'only the BOM', bytes: new Uint8Array(BOM) });
  inputs.push({ name: 'BOM and space', bytes: withBom(' ') });
  inputs.push({ name: 'fixture with NUL appended', bytes: new Uint8Array([...fixture, 0]) });
  inputs.push({ name: 'fixture, NanaBox duplicated', bytes: withBom(fixtureText.slice(1).replace('{', '{"NanaBox":{"Type":"VirtualMachine"},')) });
  return inputs;
}

interface Outcome {
  readonly result: ReadResult;
  readonly ms: number;
}
/** Checks one input; returns the problems found (empty when all is well). */
function check(input: Input, options: ReadOptions, outcomes: Outcome[]): string[] {
  const problems: string[] = [];
  const start = performance.now();
  let result: ReadResult;
  try {
    result = readSevenB(input.bytes, options);
  } catch (error) {
    return [`threw ${String(error)}`];
  }
  outcomes.push({ result, ms: performance.now() - start });
  for (const f of result.findings) {
    if (typeof f.path !== 'string' || !/^(?:\/(?:[^~/]|~[01])*)*$/.test(f.path)) problems.push(`bad path ${JSON.stringify(f.path)}`);
    if (typeof renderFinding(f) !== 'string' || renderFinding(f) === '') problems.push(`no message for ${f.code}`);
  }
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (!result.accepted) {
    if (result.file !== null) problems.push('refused but has a file');
    if (errors.length !== 1) problems.push(`refused with ${errors.length} errors`);
    if (result.findings.at(-1)?.severity !== 'error') problems.push('the error is not the last finding');
    const error = errors[0];
    if (error?.code === 'json.syntax') {
      const { line, column } = error.params;
      if (!Number.isInteger(line) || (line as number) < 1 || !Number.isInteger(column) || (column as number) < 1) {
        problems.push(`json.syntax at line ${String(line)}, column ${String(column)}`);
      }
    }
    return problems;
  }
  if (errors.length > 0 || result.file === null) return [...problems, 'accepted with an error finding or without a file'];
  const text = formatSevenB(result.file);
  let again: ReadResult;
  try {
    again = readSevenB(encodeSevenB(result.file));
  } catch (error) {
    return [...problems, `re-reading the canonical text threw ${String(error)}`];
  }
  if (!again.accepted || again.file === null) return [...problems, 'canonical text refused'];
  if (!isDeepStrictEqual(again.file, result.file)) problems.push('canonical text reads back as a different file');
  const lossy = again.findings.filter((f) => f.lossy);
  if (lossy.length > 0) problems.push(`canonical text has lossy findings: ${lossy.map((f) => f.code + ' ' + f.path).join(', ')}`);
  if (formatSevenB(again.file) !== text) problems.push('format is not idempotent');
  return problems;
}

const preview = (bytes: Uint8Array) =>
  bytes.length <= 200 ? Buffer.from(bytes).toString('hex') : `${Buffer.from(bytes.subarray(0, 120)).toString('hex')}… (${bytes.length} bytes)`;

describe('readSevenB under mutation fuzzing (fixed seed)', () => {
  let inputs: Input[];
  beforeAll(() => {
    inputs = buildInputs();
  });

  it('never throws, answers quickly, refuses with exactly one error or gives a stable canonical text', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(Math.min(FUZZ_INPUTS, 10_000));
    const outcomes: Outcome[] = [];
    const failures: string[] = [];
    for (const input of inputs) {
      for (const options of [{}, { allowMissingBom: true }]) {
        const problems = check(input, options, outcomes);
        if (problems.length > 0 && failures.length < 20) failures.push(`${input.name} ${JSON.stringify(options)}: ${problems.join('; ')}\n  bytes: ${preview(input.bytes)}`);
      }
    }
    expect(failures).toEqual([]);
    const total = outcomes.reduce((sum, o) => sum + o.ms, 0);
    // A reduce, not Math.max(...): 200,000 arguments overflow the stack in the long run.
    const slowest = outcomes.reduce((max, o) => Math.max(max, o.ms), 0);
    expect(total / outcomes.length, `mean ${(total / outcomes.length).toFixed(3)} ms`).toBeLessThan(2);
    // No input hangs the reader.
    expect(slowest, `slowest ${slowest.toFixed(0)} ms`).toBeLessThan(1000);
    console.log(`.7b reader fuzz: ${inputs.length} inputs × 2 options, 0 crashes, slowest ${slowest.toFixed(0)} ms, ${outcomes.filter((o) => !o.result.accepted).length} refusals, each with its finding`);
    // The corpus reaches both outcomes and the interesting refusals.
    const codes = new Set(outcomes.flatMap((o) => o.result.findings.map((f) => f.code)));
    for (const code of ['json.syntax', 'file.bom-missing', 'file.utf16', 'file.utf8-invalid', 'file.empty', 'json.duplicate-key', 'config.type-invalid']) {
      expect(codes, code).toContain(code);
    }
    expect(outcomes.filter((o) => o.result.accepted).length).toBeGreaterThan(500);
  });

  it('refuses every strict prefix of the fixture, and accepts the whole file', () => {
    const fixture = inputs.find((i) => i.name === 'fixture')!.bytes;
    for (let n = 0; n < fixture.length; n++) {
      const result = readSevenB(fixture.subarray(0, n));
      // Only a prefix that ends after the closing brace (then nothing but whitespace) could be whole.
      expect(result.accepted, `prefix of ${n} bytes`).toBe(false);
    }
    expect(readSevenB(fixture).accepted).toBe(true);
  });
});

describe('hako config check on fuzzed files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hako-fuzz-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves each file byte-identical and exits 0 (accepted) or 1 (refused)', async () => {
    // Imported here so that a half-written CLI module fails this test only.
    const { runCli } = await import('../../main/cli/hako.js');
    const inputs = buildInputs().filter((i) => i.bytes.length < 100_000);
    const r = rng(0xc11);
    const sample = Array.from({ length: 50 }, () => r.pick(inputs));
    for (const [i, input] of sample.entries()) {
      const file = path.join(dir, `f${i}.7b`);
      await writeFile(file, input.bytes);
      let stdout = '';
      let stderr = '';
      const code = await runCli(['config', 'check', file], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
      const accepted = readSevenB(input.bytes).accepted;
      expect(code, `${input.name}: ${stderr}`).toBe(accepted ? 0 : 1);
      expect(stderr.trimEnd().endsWith(`${file}: ${accepted ? 'accepted' : 'refused'}`), stderr).toBe(true);
      expect(stdout).toBe('');
      expect(Buffer.from(await readFile(file)).equals(Buffer.from(input.bytes)), input.name).toBe(true);
    }
  });
});

// Found by fuzzing; each states what NanaBox does and what Hako does instead.
describe('reader robustness and NanaBox fidelity', () => {
  const doc = (extra: string) => `{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1${extra}}}`;
  const noThrow = (text: string): ReadResult => {
    let result: ReadResult | undefined;
    expect(() => {
      result = readSevenB(withBom(text));
    }, text.slice(0, 80)).not.toThrow();
    return result!;
  };

  it('deep nesting (up to 100,000 levels) is refused with a syntax error, never a stack overflow', () => {
    // nlohmann's parser keeps its own stack, so NanaBox reads any depth; Hako refuses beyond MAX_NESTING_DEPTH.
    for (const depth of [2_500, 5_000, 100_000]) {
      const open = '['.repeat(depth);
      const close = ']'.repeat(depth);
      const inUnknown = noThrow(doc(`,"Deep":${open}${close}`));
      expect(inUnknown.accepted || inUnknown.findings.filter((f) => f.severity === 'error').length === 1).toBe(true);
      const inKnown = noThrow(doc(`,"Keyboard":${open}${close}`));
      expect(inKnown.accepted || inKnown.findings.filter((f) => f.severity === 'error').length === 1).toBe(true);
      const unterminated = noThrow(`{"NanaBox":${open}`);
      expect(unterminated.accepted).toBe(false);
      expect(unterminated.findings.at(-1)?.code).toBe('json.syntax');
      const objects = noThrow(doc(`,"Deep":${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`));
      expect(objects.accepted || objects.findings.filter((f) => f.severity === 'error').length === 1).toBe(true);
    }
  });

  it('on a 5,000-deep file every CLI command answers with an exit code and leaves the file alone', async () => {
    const { runCli } = await import('../../main/cli/hako.js');
    const dir = await mkdtemp(path.join(tmpdir(), 'hako-deep-'));
    try {
      const file = path.join(dir, 'deep.7b');
      const bytes = withBom(doc(`,"Deep":${'['.repeat(5_000)}${']'.repeat(5_000)}`));
      await writeFile(file, bytes);
      const io = { stdout: () => {}, stderr: () => {} };
      expect([0, 1]).toContain(await runCli(['config', 'check', file], io));
      await expect(runCli(['config', 'print', file], io)).resolves.toBeTypeOf('number');
      await expect(runCli(['config', 'format', file], io)).resolves.toBeTypeOf('number');
      expect(Buffer.from(await readFile(file)).equals(Buffer.from(bytes))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a number that overflows a double (1e400, -1e400, a 400-digit integer) is refused, as NanaBox refuses it', () => {
    // nlohmann/json 3.12 parser: a float literal whose value is not finite fails with
    // out_of_range.406 "number overflow parsing '1e400'", so json::parse throws and NanaBox does not open the file.
    // Integers beyond 64 bits are parsed as floats first, so a 400-digit integer fails the same way.
    for (const literal of ['1e400', '-1e400', '1' + '0'.repeat(400), '-' + '9'.repeat(400), '1.5E+309']) {
      const result = readSevenB(withBom(doc(`,"Unknown":${literal}`)));
      expect(result.accepted, literal).toBe(false);
      expect(result.findings.filter((f) => f.severity === 'error'), literal).toHaveLength(1);
    }
    // Not an overflow: underflow to 0 and big-but-finite values parse fine in nlohmann.
    for (const literal of ['1e-400', '1.7976931348623157e308', '1' + '0'.repeat(300)]) {
      expect(readSevenB(withBom(doc(`,"Unknown":${literal}`))).accepted, literal).toBe(true);
    }
  });
});

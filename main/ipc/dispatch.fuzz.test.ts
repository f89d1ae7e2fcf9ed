// Malformed and hostile payloads on every channel of the contract, against the real dispatcher over the
// real services on the stand-ins: every answer is a clean envelope with a catalogued code, quickly, and
// memory stays bounded. HAKO_FUZZ_PER_CHANNEL sets the payloads per channel (npm run fuzz sets more).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHakoErrorCode } from '../../app/errors/codes.js';
import { CALL_NAMES, type CallName } from '../../app/ipc/contract.js';
import { EXAMPLE_INPUTS } from '../../test/support/contract-examples.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { createAppServices, type AppServices } from '../app-services.js';

const PER_CHANNEL = Number(process.env.HAKO_FUZZ_PER_CHANNEL ?? 40);
const ANSWER_WITHIN_MS = 2_000;
const MAX_RSS_BYTES = 500 * 1024 * 1024;

const HOSTILE_STRINGS = [
  '',
  '\0',
  'a\0b.7b',
  'x'.repeat(40_000),
  '\\\\server\\share\\x.7b',
  '//server/share/x.7b',
  '../../etc/passwd.7b',
  'relative.7b',
  '/dev/zero',
  '/dev/null.7b',
  '/proc/self/mem.vhdx',
  'C:\\Windows\\System32\\x.7b',
  '\\\\.\\pipe\\x.7b',
  '__proto__',
  'constructor',
  '\u202e\ufeff\ud800',
  '{"NanaBox":1}',
];

let dir: string;
let app: AppServices;

beforeAll(async () => {
  ensureStandIns();
  dir = await mkdtemp(path.join(tmpdir(), 'hako-dispatch-fuzz-'));
  app = await createAppServices({ dataDir: path.join(dir, 'data') });
}, 180_000);

afterAll(async () => {
  await app?.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** The examples, with every path moved into a folder that does not exist: nothing real is touched. */
function exampleInput(call: CallName): unknown {
  const text = JSON.stringify(EXAMPLE_INPUTS[call] ?? null).replaceAll('"/vms/', `"${path.join(dir, 'missing')}/`);
  return EXAMPLE_INPUTS[call] === undefined ? undefined : (JSON.parse(text) as unknown);
}

function payloads(call: CallName, seed: number): unknown[] {
  const example = exampleInput(call);
  const fields = example !== null && typeof example === 'object' ? Object.keys(example) : [];
  const anything = fc.anything({ maxDepth: 4, maxKeys: 6, withBigInt: false, withDate: false, withTypedArray: false, withMap: false, withSet: false });
  const replaced = fields.length === 0 ? anything : fc.tuple(fc.constantFrom(...fields), fc.oneof(anything, fc.constantFrom(...HOSTILE_STRINGS))).map(([field, value]) => ({ ...(example as object), [field]: value }));
  const generated = fc.sample(fc.oneof(anything, replaced, fc.constantFrom(...HOSTILE_STRINGS)), { numRuns: PER_CHANNEL, seed });
  const deep = JSON.parse('['.repeat(2_000) + ']'.repeat(2_000)) as unknown;
  return [...generated, null, [], 42, 'text', deep, { ...(example as object), extra: true }, JSON.parse('{"__proto__":{"polluted":true}}') as unknown];
}

function isCleanEnvelope(envelope: unknown): boolean {
  if (typeof envelope !== 'object' || envelope === null) return false;
  const { ok, error } = envelope as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ok === true) return true;
  if (ok !== false || typeof error !== 'object' || error === null) return false;
  const code = error.code;
  return typeof code === 'string' && (isHakoErrorCode(code) || /^[A-Z][A-Z0-9_]+$|^HRESULT_0x[0-9A-F]{8}$/.test(code)) && typeof error.message === 'string';
}

describe('every channel under malformed payloads', () => {
  it.each(CALL_NAMES.map((call, index) => [call, index] as const))('%s answers each with a clean envelope, in time', { timeout: 120_000 }, async (call, index) => {
    const problems: string[] = [];
    for (const input of payloads(call, 0x7b00 + index)) {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const envelope = await Promise.race([
        app.dispatch(call, input),
        new Promise((resolve) => (timer = setTimeout(() => resolve('no answer'), ANSWER_WITHIN_MS))),
      ]);
      clearTimeout(timer);
      if (!isCleanEnvelope(envelope)) problems.push(`${JSON.stringify(input)?.slice(0, 120)} → ${JSON.stringify(envelope)?.slice(0, 200)} after ${Date.now() - started} ms`);
    }
    expect(problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(process.memoryUsage().rss).toBeLessThan(MAX_RSS_BYTES);
  });
});

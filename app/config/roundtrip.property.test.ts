// Property tests of the `.7b` reader and writer (readSevenB / formatSevenB round trip) against an independent
// model of NanaBox's rules (reference/nanabox.md §2, §9, §10). Everything on the "expected" side lives in
// test/support/config-oracle/: its own key table, reading rules, JSON parser and Python `json.dumps` emulation;
// only roundtrip.key-table.test.ts looks at spec.ts, to notice when the two tables drift apart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesOf, caseArb, RUNS, show } from '../../test/support/config-oracle/generators.js';
import { at, byCodePoint, get, isArr, isObj, jsonEqual, parseStrict, ptr, pyDumps, type J, type JObj } from '../../test/support/config-oracle/json-model.js';
import { expectedDocument, unknownKeys } from '../../test/support/config-oracle/nanabox-model.js';
import { renderFinding } from './findings.js';
import { readSevenB } from './read.js';
import { encodeSevenB, formatSevenB } from './write.js';

describe('readSevenB / formatSevenB round trip (properties)', () => {
  it('(a) accepts every generated document; the canonical text is a fixed point and formatting is idempotent', () => {
    fc.assert(
      fc.property(caseArb('mixed'), (c) => {
        const { result } = c;
        expect(result.accepted, show(c) + '\n' + JSON.stringify(result.findings)).toBe(true);
        const file = result.file!;
        const text = formatSevenB(file);
        const bytes = encodeSevenB(file);
        expect(Buffer.from(bytes).equals(Buffer.from(bytesOf(text, true)))).toBe(true);
        const again = readSevenB(bytes);
        expect(again.accepted).toBe(true);
        expect(again.file).toEqual(file);
        expect(again.findings.filter((f) => f.lossy), show(c)).toEqual([]);
        expect(formatSevenB(again.file!)).toBe(text);
        // The text itself, read once more without the BOM option, gives the same text again.
        expect(formatSevenB(readSevenB(bytesOf(text, true)).file!)).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('(a) writes exactly the effective document of the independent oracle, unknown keys included', () => {
    fc.assert(
      fc.property(caseArb('mixed'), (c) => {
        expect(formatSevenB(c.result.file!), show(c)).toBe(pyDumps(expectedDocument(c.doc)));
      }),
      { numRuns: RUNS },
    );
  });

  it('(b) keeps every unknown key with an equal value, unless NanaBox drops the entry holding it and a lossy finding says so', () => {
    fc.assert(
      fc.property(caseArb('mixed'), (c) => {
        const output = parseStrict(formatSevenB(c.result.file!));
        const lossy = c.result.findings.filter((f) => f.lossy);
        const unknown = unknownKeys(c.doc);
        for (const u of unknown) {
          const where = ptr(u.inPath);
          if (u.outPath !== null) {
            const written = at(output, u.outPath);
            expect(written, `${where} missing in the output of ${show(c)}`).toBeDefined();
            expect(jsonEqual(written!, u.value), `${where} changed: ${show(c)}`).toBe(true);
          } else {
            const listPath = ptr(u.inPath.slice(0, -2));
            const covered = lossy.some(
              (f) =>
                where === f.path ||
                where.startsWith(f.path + '/') ||
                (f.code === 'gpu.device-duplicate' && f.path.startsWith(listPath + '/')),
            );
            expect(covered, `${where} dropped without a lossy finding: ${show(c)}\n${JSON.stringify(c.result.findings)}`).toBe(true);
          }
        }
        // …and nothing is invented: every key the output holds at those levels came from the input.
        const kept = new Set(unknown.filter((u) => u.outPath !== null).map((u) => ptr(u.outPath!)));
        for (const u of unknownKeys(output as JObj)) expect(kept.has(ptr(u.inPath)), `${ptr(u.inPath)} appeared from nowhere`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('(c) every finding has a code, a rendered message and an RFC 6901 path that resolves in the input', () => {
    fc.assert(
      fc.property(caseArb('mixed'), (c) => {
        for (const f of c.result.findings) {
          const context = `${JSON.stringify(f)} for ${show(c)}`;
          expect(['error', 'warning', 'info']).toContain(f.severity);
          expect(typeof f.lossy).toBe('boolean');
          expect(f.code, context).toMatch(/^[a-z0-9]+(?:[.-][a-z0-9]+)+$/);
          const message = renderFinding(f);
          expect(message.length, context).toBeGreaterThan(0);
          const fromParams = Object.values(f.params).some((p) => String(p).includes('undefined'));
          if (!fromParams) expect(message, context).not.toContain('undefined');
          expect(f.path, context).toMatch(/^(?:\/(?:[^~/]|~[01])*)*$/);
          const segments = f.path === '' ? [] : f.path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
          const resolve = (segs: string[]): J | undefined => {
            let cur: J | undefined = c.doc;
            for (const seg of segs) {
              if (isObj(cur)) cur = get(cur, seg);
              else if (isArr(cur) && /^(?:0|[1-9][0-9]*)$/.test(seg)) cur = cur.items[Number(seg)];
              else return undefined;
            }
            return cur;
          };
          if (resolve(segments) === undefined) {
            // A missing key (a Plan 9 Port, an empty Name): its parent object must exist.
            expect(isObj(resolve(segments.slice(0, -1))), `path does not resolve: ${context}`).toBe(true);
          }
        }
        // The duplicates the serialiser injected are all reported, at the right pointers.
        const reported = c.result.findings.filter((f) => f.code === 'json.duplicate-key').map((f) => f.path);
        expect(reported.sort()).toEqual([...c.duplicates].sort());
        expect(c.result.findings.some((f) => f.code === 'file.bom-added')).toBe(c.bytes[0] !== 0xef);
      }),
      { numRuns: RUNS },
    );
  });

  it('(d) output bytes: BOM, no trailing newline, keys sorted by code point at every level, 2-space indent', () => {
    fc.assert(
      fc.property(caseArb('mixed'), (c) => {
        const bytes = encodeSevenB(c.result.file!);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(bytes[3]).toBe(0x7b);
        expect(bytes[bytes.length - 1]).toBe(0x7d);
        const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
        const tree = parseStrict(text);
        const sorted = (v: J): boolean => {
          if (isArr(v)) return v.items.every(sorted);
          if (!isObj(v)) return true;
          const keys = v.entries.map(([k]) => k);
          return keys.every((k, i) => i === 0 || byCodePoint(keys[i - 1]!, k) < 0) && v.entries.every(([, x]) => sorted(x));
        };
        expect(sorted(tree), text).toBe(true);
        expect(text).toBe(pyDumps(tree));
        expect(text).not.toMatch(/[ \t]$|\r/m);
      }),
      { numRuns: RUNS },
    );
  });

  it("(e) a document with only valid values is written byte for byte as Python's json.dumps(indent=2, sort_keys=True, ensure_ascii=False)", () => {
    fc.assert(
      fc.property(caseArb('valid'), (c) => {
        const { result } = c;
        expect(result.accepted).toBe(true);
        expect(result.findings.filter((f) => f.lossy), show(c)).toEqual([]);
        expect(result.findings.filter((f) => f.code === 'key.unknown')).toEqual([]);
        expect(formatSevenB(result.file!), show(c)).toBe(pyDumps(expectedDocument(c.doc)));
      }),
      { numRuns: RUNS },
    );
  });
});

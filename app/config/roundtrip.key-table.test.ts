// The round-trip tests' own key table against spec.ts (they must not drift apart), and a sanity check of
// the tests' JSON oracles against hand-written examples.
import { describe, expect, it } from 'vitest';
import { jobj, NULL, parseStrict, pyDumps, pyString, type JObj } from '../../test/support/config-oracle/json-model.js';
import { NANABOX, NANABOX_RESERVED, type Field, type Table } from '../../test/support/config-oracle/nanabox-model.js';
import { VM_CONFIG_SPEC, type Field as SpecField, type ObjectSpec } from './spec.js';

describe('the key table of this test', () => {
  it('matches spec.ts key for key (kind, default, always)', () => {
    const describeSpec = (spec: ObjectSpec): unknown =>
      Object.fromEntries(Object.entries(spec.fields).map(([key, field]) => [key, describeSpecField(field)]));
    const describeSpecField = (f: SpecField): unknown => {
      switch (f.kind) {
        case 'bool':
          return ['bool', f.default, f.always === true];
        case 'uint':
          return ['uint', f.bits, f.default, f.always === true];
        case 'int32':
          return ['int32', f.default];
        case 'string':
          return ['str', f.always === true];
        case 'enum':
          return ['enum', [...f.values], f.default, f.always === true];
        case 'object':
          return ['obj', describeSpec(f.spec), f.always === true];
        case 'string-list':
          return ['strlist', f.rule === 'drive-letter' ? 'drive' : f.rule];
        case 'object-list':
          return ['objlist', describeSpec(f.spec), f.nonObject === 'default-entry' ? 'default' : 'empty', f.drop ?? null];
        case 'gpu-devices':
          return ['gpu'];
      }
    };
    const describeTable = (table: Table): unknown => Object.fromEntries(Object.entries(table).map(([key, field]) => [key, describeField(field)]));
    const describeField = (f: Field): unknown => {
      switch (f.k) {
        case 'bool':
          return ['bool', f.d, f.always === true];
        case 'uint':
          return ['uint', f.bits, f.d, f.always === true];
        case 'int32':
          return ['int32', f.d];
        case 'str':
          return ['str', f.always === true];
        case 'enum':
          return ['enum', [...f.values], f.d, f.always === true];
        case 'obj':
          return ['obj', describeTable(f.table), f.always === true];
        case 'strlist':
          return ['strlist', f.rule];
        case 'objlist':
          return ['objlist', describeTable(f.table), f.nonObject, f.drop ?? null];
        case 'gpu':
          return ['gpu'];
      }
    };
    expect(describeSpec(VM_CONFIG_SPEC)).toEqual(describeTable(NANABOX));
    expect(VM_CONFIG_SPEC.reserved).toEqual(NANABOX_RESERVED);
  });

  it('has oracles that agree with hand-written examples', () => {
    // Sanity of the test's own machinery, so a failure below points at Hako and not at the test.
    const doc = parseStrict('{"b":[1,{"c":"\\u00e9\\n"}],"a":-0.0e1}') as JObj;
    expect(pyDumps(doc)).toBe('{\n  "a": -0.0e1,\n  "b": [\n    1,\n    {\n      "c": "é\\n"\n    }\n  ]\n}');
    expect(pyDumps(jobj([['\uE000', NULL], ['😀', NULL], ['10', NULL], ['9', NULL]]))).toBe('{\n  "10": null,\n  "9": null,\n  "\uE000": null,\n  "😀": null\n}');
    expect(pyString('\u0001\u001f\u007f"\\/')).toBe('"\\u0001\\u001f\u007f\\"\\\\/"');
  });
});

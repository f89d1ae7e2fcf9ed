// Every field of the contract that carries a path has a guard, and every guard names a real field.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CALL_NAMES, CONTRACT } from './contract.js';
import { PATH_FIELD, PATH_GUARDS, pathGuardsOf } from './path-guards.js';

/** The fields of a call's input (an object schema), or none; `text` when the field holds a string. */
function inputFields(call: (typeof CALL_NAMES)[number]): { name: string; text: boolean }[] {
  const input = (CONTRACT[call] as { input: z.ZodType }).input;
  if (!(input instanceof z.ZodObject)) return [];
  return Object.entries(input.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    let inner: z.ZodType = schema;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
    return { name, text: inner instanceof z.ZodString };
  });
}

describe('the path guard table', () => {
  it('guards every input field that carries a path, on every channel', () => {
    const unguarded = CALL_NAMES.flatMap((call) =>
      inputFields(call)
        .filter((field) => field.text && PATH_FIELD.test(field.name) && !(field.name in pathGuardsOf(call)))
        .map((field) => `${call}.${field.name}`),
    );
    expect(unguarded).toEqual([]);
  });

  it('names only fields that exist', () => {
    const missing = Object.entries(PATH_GUARDS).flatMap(([call, guards]) => Object.keys(guards).filter((field) => !inputFields(call as (typeof CALL_NAMES)[number]).some((f) => f.name === field && f.text)).map((field) => `${call}.${field}`));
    expect(missing).toEqual([]);
  });

  it('would notice a new path field without a guard', () => {
    expect(PATH_FIELD.test('isoPath')).toBe(true);
    expect(PATH_FIELD.test('folder')).toBe(true);
    expect(pathGuardsOf('networks.create')).toEqual({});
  });
});

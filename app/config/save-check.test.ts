import { describe, expect, it } from 'vitest';
import { newVmConfig } from './defaults.js';
import { readSevenB } from './read.js';
import { checkedSevenBBytes } from './save-check.js';

describe('what main writes for the renderer', () => {
  it('writes a model whose kept values are strict JSON', () => {
    const file = newVmConfig('Lab');
    file.rootUnknownKeys.push({ key: 'Comment', json: '{\n  "a": [1, 2]\n}' });
    file.config.unknownKeys = [{ key: 'Extra', json: '"kept"' }];
    const read = readSevenB(checkedSevenBBytes(file));
    expect(read.accepted).toBe(true);
    expect(read.file?.rootUnknownKeys.map((k) => k.key)).toEqual(['Comment']);
  });

  it.each([
    ['not JSON', '{"a": '],
    ['two values', '1 2'],
    ['a repeated key', '{"a": 1, "a": 2}'],
    ['nesting past the bound', '['.repeat(600) + ']'.repeat(600)],
  ])('refuses a kept value that is %s, naming where', (_what, json) => {
    const file = newVmConfig('Lab');
    file.config.ComPorts.unknownKeys = [{ key: 'X', json }];
    expect(() => checkedSevenBBytes(file)).toThrow(expect.objectContaining({ code: 'SaveRefused', path: '/NanaBox/ComPorts/X' }) as Error);
  });

  it('refuses a second "NanaBox" object smuggled in as a kept key', () => {
    const file = newVmConfig('shown-in-ui');
    file.rootUnknownKeys.push({ key: 'NanaBox', json: '{"Type":"VirtualMachine","Version":1,"Name":"hidden","ProcessorCount":64,"MemorySize":65536}' });
    expect(() => checkedSevenBBytes(file)).toThrow(expect.objectContaining({ code: 'SaveRefused' }) as Error);
  });
});

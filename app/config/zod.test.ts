import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newVmConfig } from './defaults.js';
import { readSevenB } from './read.js';
import { sevenBFileSchema, vmConfigSchema } from './zod.js';

describe('runtime schema of the model', () => {
  it('accepts what the reader produces', () => {
    const file = readSevenB(readFileSync(new URL('../../test/fixtures/nanabox/DocumentedExample.7b', import.meta.url))).file!;
    expect(sevenBFileSchema.safeParse(file).success).toBe(true);
    expect(vmConfigSchema.safeParse(newVmConfig('x').config).success).toBe(true);
  });

  it('rejects wrong types, out-of-range numbers, unknown enum values and extra properties, naming the path', () => {
    const config = newVmConfig('x').config as unknown as Record<string, unknown>;
    const issues = (patch: Record<string, unknown>) => {
      const result = vmConfigSchema.safeParse({ ...config, ...patch });
      return result.success ? [] : result.error.issues.map((i) => i.path.join('/'));
    };
    expect(issues({ MemorySize: '2048' })).toEqual(['MemorySize']);
    expect(issues({ ProcessorCount: 2 ** 32 })).toEqual(['ProcessorCount']);
    expect(issues({ GuestType: 'windows' })).toEqual(['GuestType']);
    expect(issues({ Extra: 1 })).toEqual(['']);
    expect(issues({ ComPorts: { UefiConsole: 'Disabled', ComPort1: '', ComPort2: 5 } })).toEqual(['ComPorts/ComPort2']);
    expect(issues({ NetworkAdapters: [{ Connected: 'yes' }] })[0]).toMatch(/^NetworkAdapters\/0\//);
  });
});

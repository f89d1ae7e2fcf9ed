import { describe, expect, it } from 'vitest';
import { findingText, findingsAt, pointerLabel, uniqueFindings } from './findings.js';

describe('findings', () => {
  it('renders known codes in English, sentence case', () => {
    expect(findingText({ severity: 'warning', code: 'name.empty', path: '/NanaBox/Name', params: {}, lossy: false })).toBe('The VM has no Name; Hyper-V needs one to create the VM');
  });

  it('falls back to the code and params for a code this build does not know', () => {
    expect(findingText({ severity: 'warning', code: 'future.thing', path: '', params: { a: 1 }, lossy: false })).toBe('Future.thing (a=1)');
    expect(findingText({ severity: 'error', code: 'BadRequest', path: '', params: { message: 'nope' }, lossy: false })).toBe('Nope');
  });

  it('finds by pointer prefix, labels pointers, and de-duplicates', () => {
    const f = (path: string) => ({ severity: 'info' as const, code: 'x', path, params: {}, lossy: false });
    expect(findingsAt([f('/NanaBox/Gpu/AssignmentMode'), f('/NanaBox/GpuX'), f('/NanaBox/Gpu')], '/NanaBox/Gpu').map((x) => x.path)).toEqual([
      '/NanaBox/Gpu/AssignmentMode',
      '/NanaBox/Gpu',
    ]);
    expect(pointerLabel('/NanaBox/ScsiDevices/0/Path')).toBe('NanaBox › ScsiDevices › 0 › Path');
    expect(pointerLabel('/a~1b')).toBe('a/b');
    expect(uniqueFindings([f('/a'), f('/a'), f('/b')])).toHaveLength(2);
  });
});

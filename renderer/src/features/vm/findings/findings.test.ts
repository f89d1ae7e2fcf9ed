import { describe, expect, it } from 'vitest';
import en from '../../../../../app/i18n/messages/en.json' with { type: 'json' };
import zh from '../../../../../app/i18n/messages/zh-CN.json' with { type: 'json' };
import { createTranslator } from '../../../../../app/i18n/translator.js';
import { findingText, findingsAt, pointerLabel, uniqueFindings } from './findings.js';

const tr = createTranslator('en', en);

describe('findings', () => {
  it('renders known codes from the catalogue, in either language', () => {
    expect(findingText(createTranslator('zh-CN', zh), { severity: 'warning', code: 'path.missing', path: '', params: { file: 'a.vhdx' }, lossy: false })).toBe('a.vhdx （尚）不存在');
    expect(findingText(tr, { severity: 'error', code: 'form.uint.min', path: '', params: { min: 1 }, lossy: false })).toBe('Expected at least 1.');
    expect(findingText(tr, { severity: 'warning', code: 'name.empty', path: '/NanaBox/Name', params: {}, lossy: false })).toBe('The VM has no Name; Hyper-V needs one to create the VM');
  });

  it('falls back to the code and params for a code this build does not know', () => {
    expect(findingText(tr, { severity: 'warning', code: 'future.thing', path: '', params: { a: 1 }, lossy: false })).toBe('future.thing (a=1)');
    expect(findingText(tr, { severity: 'error', code: 'BadRequest', path: '', params: { message: 'nope' }, lossy: false })).toBe('Nope');
  });

  it('finds by pointer prefix, labels pointers, and de-duplicates', () => {
    const f = (path: string) => ({ severity: 'info' as const, code: 'x', path, params: {}, lossy: false });
    expect(findingsAt([f('/NanaBox/Gpu/AssignmentMode'), f('/NanaBox/GpuX'), f('/NanaBox/Gpu')], '/NanaBox/Gpu').map((x) => x.path)).toEqual([
      '/NanaBox/Gpu/AssignmentMode',
      '/NanaBox/Gpu',
    ]);
    expect(pointerLabel(tr, '/NanaBox/ScsiDevices/0/Path')).toBe('NanaBox › ScsiDevices › 0 › Path');
    expect(pointerLabel(tr, '/a~1b')).toBe('a/b');
    expect(uniqueFindings([f('/a'), f('/a'), f('/b')])).toHaveLength(2);
  });
});

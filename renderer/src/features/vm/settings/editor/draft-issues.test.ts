import { describe, expect, it } from 'vitest';
import { draftIssues, fieldMarkers } from './draft-issues.js';

const finding = (path: string, severity: 'error' | 'warning' | 'info', code = 'x') => ({ severity, code, path, params: { message: `${code} at ${path}` }, lossy: false });

describe('draft issues', () => {
  it('puts the form’s own checks first and drops those main already reports as errors', () => {
    const problems = [
      { path: '/NanaBox/ProcessorCount', code: 'form.uint.min', params: { min: 1 } },
      { path: '/NanaBox/Name', code: 'form.name.empty', params: {} },
    ] as const;
    const issues = draftIssues([finding('/NanaBox/ProcessorCount', 'error', 'config.processor-count-invalid')], problems);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['/NanaBox/Name', 'form.name.empty'],
      ['/NanaBox/ProcessorCount', 'config.processor-count-invalid'],
    ]);
  });

  it('groups findings per field and keeps a field’s markers while they stay the same', () => {
    const first = fieldMarkers([finding('/a', 'warning', 'w'), finding('/b', 'error'), finding('/c', 'info')], new Map());
    expect(first.get('/a')).toEqual({ errors: [], warnings: [finding('/a', 'warning', 'w')] });
    expect(first.has('/c')).toBe(false);
    const second = fieldMarkers([finding('/a', 'warning', 'w'), finding('/b', 'error', 'y')], first);
    expect(second.get('/a')).toBe(first.get('/a'));
    expect(second.get('/b')).not.toBe(first.get('/b'));
  });

  it('shows one message for an empty name: the form’s error, not also main’s warning', () => {
    const issues = draftIssues([finding('/NanaBox/Name', 'warning', 'name.empty')], [{ path: '/NanaBox/Name', code: 'form.name.empty', params: {} }]);
    const markers = fieldMarkers(issues, new Map()).get('/NanaBox/Name');
    expect(markers?.errors.map((f) => f.code)).toEqual(['form.name.empty']);
    expect(markers?.warnings).toEqual([]);
  });
});

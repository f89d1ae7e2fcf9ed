import { describe, expect, it } from 'vitest';
import { draftIssues, fieldMarkers } from './draft-issues.js';

const finding = (path: string, severity: 'error' | 'warning' | 'info', code = 'x') => ({ severity, code, path, params: { message: `${code} at ${path}` }, lossy: false });

describe('draft issues', () => {
  it('puts the form’s own checks first and drops those main already reports as errors', () => {
    const problems = [
      { path: '/NanaBox/ProcessorCount', message: 'Expected at least 1.' },
      { path: '/NanaBox/Name', message: 'Enter a name.' },
    ];
    const issues = draftIssues([finding('/NanaBox/ProcessorCount', 'error', 'config.processor-count-invalid')], problems);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['/NanaBox/Name', 'form.invalid'],
      ['/NanaBox/ProcessorCount', 'config.processor-count-invalid'],
    ]);
  });

  it('groups texts per field and keeps a field’s markers while its texts stay the same', () => {
    const first = fieldMarkers([finding('/a', 'error'), finding('/a', 'warning', 'w'), finding('/b', 'error'), finding('/c', 'info')], new Map());
    expect(first.get('/a')).toEqual({ errors: ['X at /a'], warnings: ['W at /a'] });
    expect(first.has('/c')).toBe(false);
    const second = fieldMarkers([finding('/a', 'error'), finding('/a', 'warning', 'w'), finding('/b', 'error', 'y')], first);
    expect(second.get('/a')).toBe(first.get('/a'));
    expect(second.get('/b')).not.toBe(first.get('/b'));
  });
});

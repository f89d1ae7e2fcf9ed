import { describe, expect, it } from 'vitest';
import { describeVmNameProblem, vmNameProblem } from './name.js';

describe('VM names', () => {
  it.each(['Lab', 'My Windows 11', 'ubuntu-24.04', 'テスト', 'a'.repeat(100)])('accepts %j', (name) => {
    expect(vmNameProblem(name)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['a'.repeat(101), 'too-long'],
    ['a/b', 'forbidden-character'],
    ['a\\b', 'forbidden-character'],
    ['what?', 'forbidden-character'],
    ['tab\there', 'forbidden-character'],
    ['dot.', 'trailing-dot-or-space'],
    ['space ', 'trailing-dot-or-space'],
    [' lead', 'leading-space'],
    ['CON', 'reserved'],
    ['com1.txt', 'reserved'],
  ] as const)('refuses %j (%s) and says why', (name, problem) => {
    expect(vmNameProblem(name)).toBe(problem);
    expect(describeVmNameProblem(problem)).not.toBe('');
  });
});

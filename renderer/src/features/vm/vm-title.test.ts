import { describe, expect, it } from 'vitest';
import { vmTitle } from './vm-title.js';

describe('vm title', () => {
  it('is the configured Name, or the file’s name without .7b', () => {
    expect(vmTitle({ path: 'D:\\VMs\\x\\My VM.7b', config: null })).toBe('My VM');
  });
});

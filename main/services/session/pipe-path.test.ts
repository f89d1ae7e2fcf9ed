import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { standInPipePath } from './pipe-path.js';

describe('pipe paths', () => {
  it('standInPipePath follows the stand-in mapping', () => {
    expect(standInPipePath('\\\\.\\pipe\\My VM.BasicSession', { HAKO_STAND_IN_PIPE_DIR: '/x' })).toBe('/x/My VM.BasicSession');
    expect(standInPipePath('\\\\.\\pipe\\a/b.EnhancedSession', { HAKO_STAND_IN_PIPE_DIR: '/x' })).toBe('/x/a_b.EnhancedSession');
    expect(standInPipePath('\\\\.\\pipe\\V.BasicSession', {})).toBe(path.join(tmpdir(), 'hako-pipes', 'V.BasicSession'));
  });
});

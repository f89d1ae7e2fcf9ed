import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generationPath, rotateLogFile } from './log-rotation.js';

describe('log rotation', () => {
  it('shifts generations and drops the oldest', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hako-logs-'));
    try {
      const file = path.join(dir, 'main.log');
      expect(generationPath(file, 2)).toBe(path.join(dir, 'main.2.log'));
      for (let round = 1; round <= 5; round++) {
        writeFileSync(file, `round ${round}`);
        rotateLogFile(file, 3);
      }
      expect(existsSync(file)).toBe(false);
      expect(readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('round 5');
      expect(readFileSync(path.join(dir, 'main.3.log'), 'utf8')).toBe('round 3');
      expect(existsSync(path.join(dir, 'main.4.log'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

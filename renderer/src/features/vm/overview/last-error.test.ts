import { describe, expect, it } from 'vitest';
import { showsLastError } from './OverviewTab.js';

const error = { code: 'ConfigRefused', message: 'expected a memory size… found 4096.0' };
const finding = { severity: 'error' as const, code: 'config.memory-size-invalid', path: '/NanaBox/MemorySize', params: { found: '4096.0' }, lossy: false };

describe('the last error banner', () => {
  it('goes once the file it is about reads cleanly ("Read again" fixed it)', () => {
    expect(showsLastError({ lastError: error, config: null, findings: [finding] }, undefined)).toBe(true);
    expect(showsLastError({ lastError: error, config: {} as never, findings: [] }, undefined)).toBe(false);
  });

  it('stays for other failures until dismissed, and comes back for a new one', () => {
    const start = { code: 'HCS_E_ACCESS_DENIED', message: 'denied' };
    expect(showsLastError({ lastError: start, config: {} as never, findings: [] }, undefined)).toBe(true);
    expect(showsLastError({ lastError: start, config: {} as never, findings: [] }, JSON.stringify(start))).toBe(false);
    expect(showsLastError({ lastError: { ...start, message: 'again' }, config: {} as never, findings: [] }, JSON.stringify(start))).toBe(true);
  });
});

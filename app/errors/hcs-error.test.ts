import { describe, expect, it } from 'vitest';
import { toErrorInfo, HakoError } from './error-info.js';
import { HcsError, hcsErrorFromResult } from './hcs-error.js';
import { HRESULT } from './hresult.js';

describe('HcsError', () => {
  it('normalises the legacy vmcompute form found only in the ResultError document', () => {
    // The operation succeeded as a call (0) but its document names the legacy 0xC037010D.
    const error = hcsErrorFromResult('HcsCreateComputeSystem', 0, { Error: 0xc037010d | 0, ErrorMessage: 'bad document' });
    expect(error.hresult).toBe(HRESULT.HCS_E_INVALID_JSON);
    expect(error.code).toBe('HCS_E_INVALID_JSON');
    expect(error.message).toBe('HcsCreateComputeSystem failed with HCS_E_INVALID_JSON: bad document');
  });

  it('prefers the failure the call returned, and keeps the document’s message and events', () => {
    const error = hcsErrorFromResult('HcsStartComputeSystem', HRESULT.E_ACCESSDENIED | 0, {
      Error: -1,
      ErrorMessage: '',
      ErrorEvents: [{ Message: 'The VM worker cannot open the disk' }],
    });
    expect(error.hresult).toBe(0x80070005);
    expect(error.errorEvents).toEqual([{ Message: 'The VM worker cannot open the disk' }]);
    expect(error.advice).toMatch(/administrator/i);
    expect(error.is(-2147024891)).toBe(true);
  });

  it('survives a document that is not a ResultError', () => {
    expect(hcsErrorFromResult('HcsPauseComputeSystem', HRESULT.HCS_E_INVALID_STATE, 'garbage').code).toBe('HCS_E_INVALID_STATE');
  });
});

describe('toErrorInfo', () => {
  it('carries HRESULT, code and advice of host errors, and code/params/path of Hako errors', () => {
    const info = toErrorInfo(new HcsError({ api: 'HCS', operation: 'HcsCreateComputeSystem', hresult: HRESULT.HCS_E_SERVICE_NOT_AVAILABLE }));
    expect(info).toMatchObject({ code: 'HCS_E_SERVICE_NOT_AVAILABLE', hresult: 0x80370114, params: { api: 'HCS' } });
    expect(info.advice).toMatch(/Virtual Machine Platform/);
    expect(toErrorInfo(new HakoError('Conflict', 'changed', { path: 'x' }, '/NanaBox'))).toEqual({
      code: 'Conflict',
      message: 'changed',
      params: { path: 'x' },
      path: '/NanaBox',
    });
    expect(toErrorInfo(new Error('boom'))).toEqual({ code: 'Internal', message: 'boom' });
  });
});

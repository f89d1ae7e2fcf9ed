import { describe, expect, it } from 'vitest';
import { HakoApiError } from '../../../app/ipc/contract.js';
import { describeError } from './shown-error.js';

describe('shown errors', () => {
  it('describes API errors and other failures alike', () => {
    expect(describeError(new HakoApiError({ code: 'X', message: 'm', hresult: -2147024891, advice: 'a' }))).toEqual({ code: 'X', message: 'm', hresult: '0x80070005', advice: 'a' });
    expect(describeError(new TypeError('t'))).toEqual({ code: 'TypeError', message: 't' });
    expect(describeError('odd')).toEqual({ code: 'Unexpected', message: 'odd' });
  });
});

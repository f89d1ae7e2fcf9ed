/**
 * One error type for every failure of computecore, computenetwork and virtdisk, so the UI and the CLI
 * can always show the code, the name, the message and the advice the same way.
 */
import { describeHresult, formatHresult, normaliseHresult, type HresultName } from './hresult.js';

export type HostApi = 'HCS' | 'HCN' | 'VirtDisk' | 'Win32';

/** One entry of a ResultError's `ErrorEvents` (reference/hcs-api.md §1.4), as far as Hako reads it. */
export interface HcsErrorEvent {
  readonly Message?: string;
  readonly Provider?: string;
  readonly EventId?: number;
  readonly Source?: string;
}

export interface HcsErrorInit {
  readonly api: HostApi;
  /** The exported function that failed, for the log ("HcsStartComputeSystem"). */
  readonly operation: string;
  /** The HRESULT as returned or as found in the result document; any form (signed, unsigned, legacy). */
  readonly hresult: number;
  /** The message the API gave (ResultError.ErrorMessage, HCN's Error, …); empty when none. */
  readonly apiMessage?: string;
  readonly errorEvents?: readonly HcsErrorEvent[];
}

export class HcsError extends Error {
  override readonly name = 'HcsError';
  readonly api: HostApi;
  readonly operation: string;
  /** Normalised unsigned HRESULT (0xC037xxxx legacy forms mapped to 0x8037xxxx). */
  readonly hresult: number;
  /** The SDK name of the code, when the catalogue knows it. */
  readonly code: HresultName | null;
  readonly apiMessage: string;
  readonly errorEvents: readonly HcsErrorEvent[];
  readonly advice: string | null;

  constructor(init: HcsErrorInit) {
    const info = describeHresult(init.hresult);
    const detail = init.apiMessage?.trim() || info.message;
    super(`${init.operation} failed with ${info.name ?? formatHresult(info.code)}: ${detail}`);
    this.api = init.api;
    this.operation = init.operation;
    this.hresult = normaliseHresult(init.hresult);
    this.code = info.name;
    this.apiMessage = init.apiMessage ?? '';
    this.errorEvents = init.errorEvents ?? [];
    this.advice = info.advice;
  }

  /** Whether this is the given catalogue code, whatever form the HRESULT arrived in. */
  is(hresult: number): boolean {
    return this.hresult === normaliseHresult(hresult);
  }
}

/**
 * Builds the error from a failed HCS operation: the call's HRESULT and the optional ResultError
 * document `{Error, ErrorMessage, ErrorEvents}`, whose Error may be the legacy form of the same code.
 */
export function hcsErrorFromResult(operation: string, hresult: number, resultDocument: unknown): HcsError {
  const doc = (typeof resultDocument === 'object' && resultDocument !== null ? resultDocument : {}) as {
    Error?: unknown;
    ErrorMessage?: unknown;
    ErrorEvents?: unknown;
  };
  const documented = typeof doc.Error === 'number' && Number.isInteger(doc.Error) && doc.Error !== 0 ? doc.Error : null;
  return new HcsError({
    api: 'HCS',
    operation,
    hresult: hresult < 0 || hresult > 0x7fffffff ? hresult : (documented ?? hresult),
    apiMessage: typeof doc.ErrorMessage === 'string' ? doc.ErrorMessage : '',
    errorEvents: Array.isArray(doc.ErrorEvents) ? (doc.ErrorEvents as HcsErrorEvent[]) : [],
  });
}

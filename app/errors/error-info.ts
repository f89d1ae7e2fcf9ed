/**
 * The serialisable shape every error takes when it leaves main: the IPC envelope, the VM's last error,
 * the event log. `code` and `params` let the UI translate; `message` is the English rendering.
 */
import { isHakoErrorCode, NODE_ERROR_CODES, type ErrorCode, type HakoErrorCode } from './codes.js';
import { formatHresult } from './hresult.js';
import { HcsError } from './hcs-error.js';

export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /** Unsigned HRESULT, for host API failures. */
  readonly hresult?: number;
  /** JSON Pointer into a `.7b` file, for configuration problems. */
  readonly path?: string;
  readonly advice?: string;
}

/** Errors that already know how to describe themselves to the user, coded from the catalogue (codes.ts). */
export class HakoError extends Error {
  constructor(
    readonly code: HakoErrorCode,
    message: string,
    readonly params: Readonly<Record<string, string | number | boolean>> = {},
    readonly path?: string,
    readonly advice?: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HakoError';
  }
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof HcsError) {
    return {
      code: error.code ?? `HRESULT_${formatHresult(error.hresult)}`,
      message: error.message,
      hresult: error.hresult,
      params: { operation: error.operation, api: error.api },
      ...(error.advice !== null ? { advice: error.advice } : {}),
    };
  }
  if (error instanceof HakoError) {
    return {
      code: error.code,
      message: error.message,
      params: error.params,
      ...(error.path !== undefined ? { path: error.path } : {}),
      ...(error.advice !== undefined ? { advice: error.advice } : {}),
    };
  }
  if (error instanceof Error) {
    // A catalogued code from another copy of this module keeps its params; Node's codes are mapped
    // (ENOENT → FileNotFound, …); anything else is a bug, said as such.
    const { code, params } = error as Error & { code?: unknown; params?: unknown };
    if (isHakoErrorCode(code)) return { code, message: error.message, ...(isFlatRecord(params) ? { params } : {}) };
    const mapped = typeof code === 'string' ? NODE_ERROR_CODES[code] : undefined;
    return { code: mapped ?? 'Internal', message: error.message };
  }
  return { code: 'Internal', message: String(error) };
}

function isFlatRecord(value: unknown): value is Record<string, string | number | boolean> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
  );
}

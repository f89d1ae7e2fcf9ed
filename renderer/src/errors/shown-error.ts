/**
 * Every failure the UI shows, whatever threw it, as one shape: code, message, advice. Calls through the
 * HakoApi fail with a HakoApiError (code and params from main); anything else (a bug in the page) is
 * shown with a code of its own so the notification still says something useful. Match codes with
 * `hasErrorCode` from app/errors/codes.ts, never with a bare string.
 */
import { formatHresult } from '../../../app/errors/hresult.js';
import type { ErrorInfoDto } from '../../../app/ipc/contract.js';

export interface ShownError {
  readonly code: string;
  /** Main's English text; the UI words the error by `code` and `params` where the catalogue can (app/i18n/text.ts). */
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  readonly advice?: string;
  readonly hresult?: string;
  readonly path?: string;
}

/** Duck-typed so it also recognises errors from another copy of the contract module. */
function looksLikeApiError(error: unknown): error is Error & ErrorInfoDto {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

export function describeError(error: unknown): ShownError {
  if (looksLikeApiError(error)) return fromInfo(error);
  if (error instanceof Error) return { code: error.name === 'Error' ? 'Unexpected' : error.name, message: error.message };
  return { code: 'Unexpected', message: String(error) };
}

export function fromInfo(info: ErrorInfoDto): ShownError {
  return {
    code: info.code,
    message: info.message,
    ...(info.params && Object.keys(info.params).length > 0 ? { params: info.params } : {}),
    ...(info.advice ? { advice: info.advice } : {}),
    ...(typeof info.hresult === 'number' ? { hresult: formatHresult(info.hresult) } : {}),
    ...(info.path ? { path: info.path } : {}),
  };
}

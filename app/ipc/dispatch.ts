/**
 * The receiving end of the contract, whatever the transport: checks the call name and its input
 * against the contract, runs the handler, and answers with an envelope. Nothing the renderer sends
 * reaches a handler unchecked.
 */
import { type z } from 'zod';
import { toErrorInfo } from '../errors/error-info.js';
import { CONTRACT, type CallName, type CallOutput, type Contract, type Envelope, type ErrorInfoDto } from './contract.js';

type ParsedInput<K extends CallName> = Contract[K] extends { kind: 'invoke'; input: infer I extends z.ZodType } ? z.output<I> : never;

/** Handlers may return read-only data; it is only read, checked and sent. */
export type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type Result<K extends CallName> = DeepReadonly<CallOutput<K>>;

export type Handlers = { readonly [K in CallName]: (input: ParsedInput<K>) => Promise<Result<K>> | Result<K> };

export interface DispatchLog {
  debug(message: string): void;
  error(message: string, error: unknown): void;
}

export type Dispatch = (name: string, input: unknown) => Promise<Envelope<unknown>>;

const MAX_LOGGED = 200;

/** JSON Pointer of a zod issue path, so a BadRequest names the field like a finding does. */
function issuePointer(path: readonly PropertyKey[]): string {
  return path.map((part) => '/' + String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function badRequest(message: string, path?: string): ErrorInfoDto {
  return { code: 'BadRequest', message, ...(path !== undefined ? { path } : {}) };
}

export function createDispatcher(handlers: Handlers, log?: DispatchLog): Dispatch {
  return async (name, input) => {
    if (!Object.hasOwn(CONTRACT, name) || CONTRACT[name as keyof Contract].kind !== 'invoke') {
      return { ok: false, error: badRequest(`unknown call "${String(name).slice(0, 100)}"`) };
    }
    const call = name as CallName;
    const spec = CONTRACT[call] as { input: z.ZodType; output: z.ZodType };
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issuePointer(issue.path);
      return { ok: false, error: badRequest(`${call}: ${where || 'input'}: ${issue.message}`, where) };
    }
    log?.debug(`${call} ${truncate(parsed.data)}`);
    try {
      const handler = handlers[call] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        // A handler broke the contract: a bug in main, reported as such rather than passed on.
        log?.error(`${call} returned a value outside the contract`, checked.error);
        return { ok: false, error: { code: 'Internal', message: `${call} produced an invalid result` } };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      log?.error(`${call} failed`, error);
      return { ok: false, error: toErrorInfo(error) };
    }
  };
}

function truncate(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? 'undefined';
  } catch {
    text = String(value);
  }
  return text.length > MAX_LOGGED ? text.slice(0, MAX_LOGGED) + '…' : text;
}

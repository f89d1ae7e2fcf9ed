/**
 * `window.hako` in the Electron app: the {@link HakoApi} the preload builds over Electron IPC, made to
 * survive Electron's contextBridge.
 *
 * contextBridge copies an `Error` across worlds with its message only: a {@link HakoApiError} thrown in
 * the preload would reach the renderer without `code`, `params`, `hresult`, `path` or `advice`. So the
 * bridged `invoke` rejects with a plain, cloneable {@link BridgedError} object instead (plain objects
 * cross with all their fields), and {@link fromBridge}, run in the renderer's own world, turns those back
 * into real `HakoApiError`s of the renderer's own realm (so `instanceof` works there).
 *
 * This module is plain code without zod, because the sandboxed preload bundles it.
 */
import type { CallInput, CallName, CallOutput, Envelope, ErrorInfoDto, EventName, EventPayload, HakoApi } from './contract.js';
import { channelName, isCallName, isEventName } from './channels.js';

/** The name of the global the preload defines. */
export const BRIDGE_GLOBAL = 'hako';

/** A failed call, as it crosses the context bridge. */
export interface BridgedError extends ErrorInfoDto {
  readonly name: 'HakoApiError';
}

/** What the preload needs from Electron's ipcRenderer (kept abstract so tests need no Electron). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function isBridgedError(value: unknown): value is BridgedError {
  if (typeof value !== 'object' || value === null) return false;
  const { name, code, message } = value as { name?: unknown; code?: unknown; message?: unknown };
  return name === 'HakoApiError' && typeof code === 'string' && typeof message === 'string';
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const { ok } = value as { ok?: unknown };
  if (ok === true) return true;
  if (ok !== false) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

function bridged(info: ErrorInfoDto): BridgedError {
  // Only the contract's fields, as plain data.
  const out: { -readonly [K in keyof BridgedError]?: BridgedError[K] } = { name: 'HakoApiError', code: String(info.code), message: String(info.message) };
  if (info.params !== undefined) out.params = { ...info.params };
  if (info.hresult !== undefined) out.hresult = info.hresult;
  if (info.path !== undefined) out.path = info.path;
  if (info.advice !== undefined) out.advice = info.advice;
  return out as BridgedError;
}

/**
 * The API the preload exposes. Only the contract's names get through; event listeners get the payload
 * only (never Electron's event object); `on` returns the unsubscribe function.
 */
export function createBridgedApi(ipc: IpcRendererLike): HakoApi {
  const api = {
    async invoke(name: unknown, ...input: unknown[]): Promise<unknown> {
      if (!isCallName(name)) throw bridged({ code: 'BadRequest', message: `unknown call "${String(name).slice(0, 100)}"` });
      let envelope: unknown;
      try {
        envelope = await ipc.invoke(channelName(name), input[0]);
      } catch (error) {
        throw bridged({ code: 'Disconnected', message: error instanceof Error ? error.message : String(error) });
      }
      if (!isEnvelope(envelope)) throw bridged({ code: 'Disconnected', message: `${name}: malformed answer from main` });
      if (envelope.ok) return envelope.value;
      throw bridged(envelope.error);
    },
    on(name: unknown, listener: unknown): () => void {
      if (!isEventName(name)) throw new TypeError(`unknown event "${String(name).slice(0, 100)}"`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const channel = channelName(name);
      const forward = (_event: unknown, payload: unknown): void => {
        (listener as (payload: unknown) => void)(payload);
      };
      ipc.on(channel, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, forward);
      };
    },
  };
  return Object.freeze(api) as unknown as HakoApi;
}

/**
 * The renderer's view of the bridged API: rejections become `HakoApiError`s of the caller's realm.
 * `makeError` is normally `(info) => new HakoApiError(info)` from contract.ts (passed in so this module
 * stays free of zod).
 */
export function fromBridge(api: HakoApi, makeError: (info: ErrorInfoDto) => Error): HakoApi {
  return {
    async invoke<K extends CallName>(name: K, ...input: CallInput<K> extends undefined ? [] : [CallInput<K>]): Promise<CallOutput<K>> {
      try {
        return await api.invoke(name, ...input);
      } catch (error) {
        if (isBridgedError(error)) {
          const { name: _name, ...info } = error;
          throw makeError(info);
        }
        if (error instanceof Error) throw makeError({ code: 'Disconnected', message: error.message });
        throw error;
      }
    },
    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
      return api.on(name, listener);
    },
  };
}

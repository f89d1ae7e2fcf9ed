/**
 * A scripted HakoApi for the renderer's store tests: each call answers from a handler the test sets,
 * every call is recorded in order, and events are pushed by hand.
 */
import { HakoApiError, type CallName, type ErrorInfoDto, type EventName, type HakoApi, type VmSnapshotDto } from '../../../app/ipc/contract.js';

export type Handler = (input: unknown) => unknown;

export interface StubApi extends HakoApi {
  readonly calls: { name: string; input: unknown }[];
  readonly handlers: Partial<Record<CallName, Handler>>;
  emit(name: EventName, payload: unknown): void;
  listenerCount(name: EventName): number;
  /** Names of calls and subscriptions, in order ("on:vm.changed", "app.ready", …). */
  readonly log: string[];
}

export function apiError(info: ErrorInfoDto): HakoApiError {
  return new HakoApiError(info);
}

export function createStubApi(handlers: Partial<Record<CallName, Handler>> = {}): StubApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: { name: string; input: unknown }[] = [];
  const log: string[] = [];
  const api = {
    calls,
    handlers,
    log,
    async invoke(name: CallName, ...input: unknown[]) {
      calls.push({ name, input: input[0] });
      log.push(name);
      const handler = handlers[name];
      if (handler === undefined) throw new HakoApiError({ code: 'NotStubbed', message: `no handler for ${name}` });
      return handler(input[0]);
    },
    on(name: EventName, listener: (payload: never) => void) {
      log.push(`on:${name}`);
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    emit(name: EventName, payload: unknown) {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
    listenerCount(name: EventName) {
      return listeners.get(name)?.size ?? 0;
    },
  };
  return api as unknown as StubApi;
}

export function snapshot(path: string, overrides: Partial<VmSnapshotDto> = {}): VmSnapshotDto {
  return {
    path,
    id: path,
    state: 'Stopped',
    actions: ['start'],
    outlivesHako: false,
    config: null,
    findings: [],
    lastError: null,
    pendingRestart: [],
    ...overrides,
  };
}

export const PREFERENCES = { theme: 'system', language: 'system', keepVmsRunning: true, closeToTray: true, onSessionEnd: 'save', shutdownTimeoutSeconds: 60 } as const;
export const VERSION = { version: '0.1.0', platform: 'linux', transport: 'browser-host', languages: [] as string[] };

/** Lets pending promise callbacks run. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

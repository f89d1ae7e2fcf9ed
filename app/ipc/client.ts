/**
 * The renderer's side of the contract over any transport: the preload's Electron IPC or the browser
 * host's WebSocket both only move envelopes; this turns them into a typed {@link HakoApi}.
 */
import { channelOf, unwrap, type CallName, type Envelope, type EventName, type HakoApi } from './contract.js';

export interface Transport {
  /** Sends one call on its channel and resolves with the envelope that answers it. */
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** Delivers each payload of `channel`; returns the unsubscribe function. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function createHakoApi(transport: Transport): HakoApi {
  return {
    async invoke(name: CallName, ...input: unknown[]) {
      return unwrap(await transport.invoke(channelOf(name), input[0])) as never;
    },
    on(name: EventName, listener: (payload: never) => void) {
      return transport.subscribe(channelOf(name), listener as (payload: unknown) => void);
    },
  } as HakoApi;
}

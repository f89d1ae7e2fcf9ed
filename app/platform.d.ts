/*
 * The few platform APIs app/ relies on. They exist in every runtime Hako's core runs in (Node,
 * Chromium, Electron), but live in the DOM and Node typings, which app/ must not depend on.
 */
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function structuredClone<T>(value: T): T;

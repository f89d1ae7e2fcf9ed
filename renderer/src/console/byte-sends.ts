/**
 * Lets the console document's WebSocket send IronRDP's messages as bytes rather than as Blobs.
 *
 * IronRDP 0.7's web client gives each message it sends (a key, a mouse move, a frame acknowledgement) to
 * its WebSocket as a Blob built from byte chunks. Chromium cannot send a Blob at once: it queues it and
 * reads it asynchronously first (Blink's WebSocketChannelImpl, a BlobLoader), and every later message
 * waits behind that read, whereas bytes on an idle socket go out synchronously. Measured with
 * `npm run bench -- console`: a key took 7.5 ms to reach the proxy (median) and a frame's
 * acknowledgement left 10–12 ms after its last paint; the server (FreeRDP's shadow, like RDP servers
 * generally) slows down while frames wait unacknowledged.
 *
 * So, in this document only: a Blob made of byte chunks (at most MAX_COPIED_BYTES) keeps a copy of
 * its bytes, taken when it is made, as a Blob's own contents are; WebSocket.send sends that copy.
 * Anything else (text, a large or mixed Blob) is sent as before. Order is kept either way: Chromium
 * sends a socket's messages in the order given, bytes queued behind a Blob still being read.
 */

/** Larger Blobs (file transfers through the clipboard) keep Chromium's way: copying them costs more than the read. */
export const MAX_COPIED_BYTES = 1024 * 1024;

export interface ByteSendScope {
  Blob: typeof Blob;
  WebSocket: { prototype: Pick<WebSocket, 'send'> };
}

const installed = new WeakSet<object>();

/** The bytes of `parts` as one array, or null when a part is not bytes or they are too many. */
function bytesOf(parts: readonly unknown[]): Uint8Array | null {
  let total = 0;
  for (const part of parts) {
    if (ArrayBuffer.isView(part)) total += part.byteLength;
    else if (part instanceof ArrayBuffer) total += part.byteLength;
    else return null;
    if (total > MAX_COPIED_BYTES) return null;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts as (ArrayBufferView | ArrayBuffer)[]) {
    const view = part instanceof ArrayBuffer ? new Uint8Array(part) : new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
    bytes.set(view, at);
    at += view.byteLength;
  }
  return bytes;
}

export function sendBlobsAsBytes(scope: ByteSendScope): void {
  if (installed.has(scope)) return;
  installed.add(scope);
  const NativeBlob = scope.Blob;
  const copies = new WeakMap<Blob, Uint8Array>();
  scope.Blob = class BlobWithBytes extends NativeBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      const bytes = Array.isArray(parts) ? bytesOf(parts) : null;
      if (bytes !== null) copies.set(this, bytes);
    }
  };
  const send = scope.WebSocket.prototype.send;
  scope.WebSocket.prototype.send = function sendBytes(this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    const bytes = data instanceof NativeBlob ? copies.get(data) : undefined;
    send.call(this, bytes ?? data);
  };
}

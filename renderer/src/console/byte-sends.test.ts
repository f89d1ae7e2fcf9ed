import { describe, expect, it } from 'vitest';
import { MAX_COPIED_BYTES, sendBlobsAsBytes, type ByteSendScope } from './byte-sends.js';

/** The DOM's own Blob, before any document's is replaced. */
const NativeBlob = globalThis.Blob;

/** A console document's Blob and WebSocket, the socket recording what it was given to send. */
function scope() {
  const sent: unknown[] = [];
  class FakeSocket {
    send(data: unknown) {
      sent.push(data);
    }
  }
  const document = { Blob: NativeBlob, WebSocket: FakeSocket as unknown as ByteSendScope['WebSocket'] };
  sendBlobsAsBytes(document);
  const socket = new FakeSocket() as unknown as WebSocket;
  return { document, socket, sent };
}

describe('sendBlobsAsBytes', () => {
  it('sends a Blob of byte chunks as those bytes, in one message', async () => {
    const { document, socket, sent } = scope();
    const blob = new document.Blob([new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]).subarray(1), new Uint8Array([6]).buffer]);
    socket.send(blob);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(Uint8Array);
    expect([...(sent[0] as Uint8Array)]).toEqual([1, 2, 3, 5, 6]);
    // The Blob itself is unchanged: a Blob of the same bytes and type.
    expect(blob).toBeInstanceOf(NativeBlob);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3, 5, 6]);
  });

  it('sends the bytes the Blob was made of, though their source changed since', () => {
    const { document, socket, sent } = scope();
    const source = new Uint8Array([7, 8, 9]);
    const blob = new document.Blob([source]);
    source.fill(0);
    socket.send(blob);
    expect([...(sent[0] as Uint8Array)]).toEqual([7, 8, 9]);
  });

  it('sends text, bytes and Blobs it cannot copy as they are', () => {
    const { document, socket, sent } = scope();
    const text = new document.Blob(['hello']);
    const large = new document.Blob([new Uint8Array(MAX_COPIED_BYTES + 1)]);
    const foreign = new NativeBlob([new Uint8Array([1])]);
    const bytes = new Uint8Array([1]);
    for (const data of ['text', bytes, text, large, foreign]) socket.send(data as string);
    expect(sent).toEqual(['text', bytes, text, large, foreign]);
  });

  it('copies up to the bound', () => {
    const { document, socket, sent } = scope();
    socket.send(new document.Blob([new Uint8Array(MAX_COPIED_BYTES)]));
    expect((sent[0] as Uint8Array).byteLength).toBe(MAX_COPIED_BYTES);
  });

  it('installs once per document', () => {
    const { document, socket, sent } = scope();
    const { Blob } = document;
    sendBlobsAsBytes(document);
    expect(document.Blob).toBe(Blob);
    socket.send(new document.Blob([new Uint8Array([1])]));
    expect(sent).toHaveLength(1);
  });
});

/**
 * What the proxy reads of the VM's RDP server during the handshake: its Connection Confirm (one TPKT
 * packet, and nothing after it before TLS starts) and, once TLS is up, its certificate chain.
 */
import type net from 'node:net';
import type tls from 'node:tls';
import { HakoError } from '../../../app/errors/error-info.js';
import { Failure, generalError, WSA } from './proxy-failure.js';
import { MAX_CONNECTION_PDU, tpktLength } from './x224.js';

/** One TPKT packet from `socket` (the Connection Confirm), and nothing after it. */
export function readTpkt(socket: net.Socket): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanUp = () => {
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
    };
    const onClose = () => {
      cleanUp();
      reject(
        new Failure(
          new HakoError('SessionUnavailable', 'The VM’s session closed the connection before answering it.', {}, undefined, 'Check that the VM is running; if it is, try again in a moment.'),
          generalError({ wsaLastError: WSA.ECONNRESET }),
        ),
      );
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      const buffer = Buffer.concat(chunks, size);
      const length = tpktLength(buffer);
      if (length === null) return;
      if (Number.isNaN(length) || length > MAX_CONNECTION_PDU) {
        cleanUp();
        socket.pause();
        reject(new Failure(new HakoError('ConsoleRefused', 'The VM’s session answered with something that is not a TPKT packet.', {}), generalError({ httpStatusCode: 502 })));
        return;
      }
      if (buffer.length < length) return;
      cleanUp();
      socket.pause();
      if (buffer.length > length) {
        // TLS starts with the client's hello; a server that talks first is not an RDP server.
        reject(new Failure(new HakoError('ConsoleRefused', 'The VM’s session sent data after its Connection Confirm, before TLS started.', {}), generalError({ httpStatusCode: 502 })));
        return;
      }
      resolve(new Uint8Array(buffer.subarray(0, length)));
    };
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

/** The server's certificate and its issuers, as DER, leaf first. */
export function certificateChain(secure: tls.TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  let certificate: tls.DetailedPeerCertificate | undefined = secure.getPeerCertificate(true);
  const seen = new Set<tls.DetailedPeerCertificate>();
  while (certificate !== undefined && certificate.raw !== undefined && !seen.has(certificate)) {
    seen.add(certificate);
    chain.push(new Uint8Array(certificate.raw));
    certificate = certificate.issuerCertificate;
  }
  return chain;
}

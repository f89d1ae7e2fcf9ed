// The console proxy's limits and its authentication, against the same rigs as console-proxy.test.ts:
// what it refuses from the browser (sizes, shapes, a missing ticket), what it refuses from the VM's side
// (answers that are not a Connection Confirm), and that the client cannot choose where it connects.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { HakoError } from '../../../app/errors/error-info.js';
import { connectionConfirm, connectionRequest, MemoryConsoleSocket, requestPdu, type FakeRdpServer } from '../../../test/support/console.js';
import { useFakeRdpServer } from '../../../test/support/fake-rdp-rig.js';
import { ConsoleProxy, type OpenedPipe } from './console-proxy.js';
import { decodePdu, encodePdu, MAX_PDU_BYTES, RDCLEANPATH_VERSION, type RdCleanPathPdu } from './rdcleanpath.js';
import { MAX_CONNECTION_PDU } from './x224.js';

const TOKEN = 'good-token';
/** Long enough that a refusal before it is the limit's doing, not a timeout's. */
const PATIENT = { requestMs: 10_000, openMs: 10_000, confirmMs: 10_000, tlsMs: 10_000 };
const serve = useFakeRdpServer('hako-proxy-bounds-');

/** A proxy whose `open` checks the token and connects to `fake`, recording the tokens it was given. */
function proxyTo(fake: FakeRdpServer, client: MemoryConsoleSocket, calls: string[] = []): ConsoleProxy {
  return new ConsoleProxy(client, {
    timeouts: PATIENT,
    open: async (token): Promise<OpenedPipe> => {
      calls.push(token);
      if (token !== TOKEN) throw new HakoError('ConsoleTicketInvalid', 'unknown ticket', {});
      const socket = net.connect({ path: fake.path });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      return { ticketId: 't1', vmPath: '/vms/a.7b', pipeName: '\\\\.\\pipe\\A.BasicSession', socket };
    },
  });
}

async function answered(client: MemoryConsoleSocket): Promise<RdCleanPathPdu> {
  await client.until(() => client.closed !== null);
  return decodePdu(client.sent[0]!);
}

describe('what the console proxy takes from the browser', () => {
  it('refuses a first message that announces more than an RDCleanPath PDU can hold, at once and without opening a pipe', async () => {
    const fake = await serve({ kind: 'tls' });
    const calls: string[] = [];
    const client = new MemoryConsoleSocket();
    const proxy = proxyTo(fake, client, calls);
    const started = Date.now();
    // SEQUENCE of 1 MiB, starting like a request of version 3390.
    client.deliver(Uint8Array.from([0x30, 0x83, 0x10, 0x00, 0x00, 0xa0, 0x04, 0x02, 0x02, 0x0d, 0x3e]));
    const outcome = await proxy.done;
    expect(Date.now() - started).toBeLessThan(PATIENT.requestMs / 2);
    expect(outcome.error?.code).toBe('ConsoleBadRequest');
    expect((await answered(client)).error).toEqual({ errorCode: 1, httpStatusCode: 400 });
    expect(calls).toEqual([]);
    expect(MAX_PDU_BYTES).toBeLessThan(1024 * 1024);
  });

  it('answers a request without a ticket with HTTP 401, and one that is a response, or carries a preconnection blob, with 400', async () => {
    const fake = await serve({ kind: 'tls' });
    const cases: [RdCleanPathPdu, number][] = [
      [{ version: RDCLEANPATH_VERSION, destination: 'localhost:3389', x224ConnectionPdu: connectionRequest() }, 401],
      [{ version: RDCLEANPATH_VERSION, proxyAuth: TOKEN, x224ConnectionPdu: connectionRequest(), serverAddr: 'x' }, 400],
      [{ version: RDCLEANPATH_VERSION, proxyAuth: TOKEN, error: { errorCode: 1, httpStatusCode: 200 } }, 400],
      [{ version: RDCLEANPATH_VERSION, proxyAuth: TOKEN, preconnectionBlob: 'vm-id', x224ConnectionPdu: connectionRequest() }, 400],
    ];
    for (const [pdu, status] of cases) {
      const calls: string[] = [];
      const client = new MemoryConsoleSocket();
      const proxy = proxyTo(fake, client, calls);
      client.deliver(encodePdu(pdu));
      await proxy.done;
      expect((await answered(client)).error).toEqual({ errorCode: 1, httpStatusCode: status });
      expect(calls).toEqual([]);
    }
    expect(fake.requests).toEqual([]);
  });

  it('ignores the destination the client names: the ticket alone says where the connection goes', async () => {
    const fake = await serve({ kind: 'tls' });
    const calls: string[] = [];
    const client = new MemoryConsoleSocket();
    const proxy = proxyTo(fake, client, calls);
    client.deliver(requestPdu(TOKEN, connectionRequest(), { destination: '10.0.0.1:22' }));
    await client.until(() => client.sent.length >= 1);
    const response = decodePdu(client.sent[0]!);
    expect(response.error).toBeUndefined();
    expect(response.serverAddr).toBe('\\\\.\\pipe\\A.BasicSession');
    expect(calls).toEqual([TOKEN]);
    proxy.end('ended');
    await proxy.done;
    await fake.allClosed();
  });

  it('keeps what the client sends ahead of the response up to 1 MiB, and closes both sides beyond it', async () => {
    const fake = await serve({ kind: 'silent' });
    const client = new MemoryConsoleSocket();
    const proxy = proxyTo(fake, client);
    client.deliver(requestPdu(TOKEN));
    await client.until(() => fake.requests.length === 1);
    const chunk = new Uint8Array(256 * 1024);
    for (let i = 0; i < 4; i++) client.deliver(chunk);
    expect(proxy.state).toBe('negotiating'); // exactly 1 MiB is still taken
    client.deliver(Uint8Array.of(1));
    const outcome = await proxy.done;
    expect(outcome.error?.code).toBe('ConsoleBadRequest');
    expect((await answered(client)).error).toEqual({ errorCode: 1, httpStatusCode: 400 });
    await fake.allClosed();
  });
});

describe('what the console proxy takes from the VM’s side', () => {
  const refusals: [string, Uint8Array][] = [
    ['bytes that are not a TPKT', new TextEncoder().encode('SSH-2.0-OpenSSH_9.2\r\n')],
    ['a TPKT longer than any Connection Confirm', Uint8Array.from([0x03, 0x00, (MAX_CONNECTION_PDU + 1) >> 8, (MAX_CONNECTION_PDU + 1) & 0xff, 0x00])],
    ['a TPKT that is not a Connection Confirm', Uint8Array.from([0x03, 0x00, 0x00, 0x0b, 0x06, 0xf0, 0x00, 0x00, 0x00, 0x00, 0x00])],
    ['data after the Confirm, before the client’s TLS hello', Uint8Array.from([...connectionConfirm({ selected: 0x1 }), 0x16, 0x03, 0x01])],
  ];
  for (const [what, bytes] of refusals) {
    it(`answers ${what} with HTTP 502 and frees the pipe`, async () => {
      const fake = await serve({ kind: 'bytes', bytes });
      const client = new MemoryConsoleSocket();
      const proxy = proxyTo(fake, client);
      client.deliver(requestPdu(TOKEN));
      const outcome = await proxy.done;
      expect(outcome).toMatchObject({ reached: 'negotiating', error: { code: 'ConsoleRefused' } });
      expect((await answered(client)).error).toEqual({ errorCode: 1, httpStatusCode: 502 });
      await fake.allClosed();
    });
  }
});

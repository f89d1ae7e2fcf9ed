// The console proxy's state machine against a fake RDP server on a Unix socket (the VM's pipe) and an
// in-memory WebSocket (the browser): the good path, and every way the issue names to fail.
import net from 'node:net';
import { type TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { HakoError } from '../../../app/errors/error-info.js';
import { CONSOLE_CLOSE_VM_STOPPED } from '../../../app/session/console.js';
import { connectionConfirm, connectionRequest, MemoryConsoleSocket, requestPdu, TEST_CERT_DER, type FakeRdpServer } from '../../../test/support/console.js';
import { useFakeRdpServer } from '../../../test/support/fake-rdp-rig.js';
import { ConsoleProxy, type OpenedPipe } from './console-proxy.js';
import { decodePdu, encodePdu, RDCLEANPATH_VERSION, type RdCleanPathPdu } from './rdcleanpath.js';

const TOKEN = 'good-token';
const serve = useFakeRdpServer('hako-proxy-');

/** `open` as the service would do it: the token must be TOKEN; the pipe is the fake server. */
function opener(target: () => FakeRdpServer, calls: string[] = []): (token: string) => Promise<OpenedPipe> {
  return async (token) => {
    calls.push(token);
    if (token !== TOKEN) throw new HakoError('ConsoleTicketInvalid', 'unknown ticket', {});
    const socket = net.connect({ path: target().path });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return { ticketId: 't1', vmPath: '/vms/a.7b', pipeName: '\\\\.\\pipe\\A.BasicSession', socket };
  };
}

function answerOf(client: MemoryConsoleSocket): RdCleanPathPdu {
  return decodePdu(client.sent[0]!);
}

const FAST = { requestMs: 300, openMs: 1_000, confirmMs: 500, tlsMs: 1_000 };

/** A browser's socket and a proxy (FAST timeouts) whose tickets open `fake`. */
function proxyTo(fake: FakeRdpServer): { client: MemoryConsoleSocket; proxy: ConsoleProxy } {
  const client = new MemoryConsoleSocket();
  return { client, proxy: new ConsoleProxy(client, { open: opener(() => fake), timeouts: FAST }) };
}

describe('the console proxy', () => {
  it('forwards the Connection Request unchanged, makes the TLS handshake itself, answers with the Confirm and the server’s certificate, then relays plaintext both ways', async () => {
    const fromClient: Buffer[] = [];
    const fake = await serve({
      kind: 'tls',
      onSecure: (secure) => {
        secure.on('data', (chunk: Buffer) => fromClient.push(chunk));
        secure.once('secure', () => secure.write('hello from the VM'));
      },
    });
    const { client, proxy } = proxyTo(fake);
    const request = connectionRequest(0x1);
    // The request may arrive in pieces.
    const pdu = requestPdu(TOKEN, request);
    client.deliver(pdu.subarray(0, 10));
    client.deliver(pdu.subarray(10));

    await client.until(() => client.sent.length >= 1);
    const response = answerOf(client);
    expect(response.error).toBeUndefined();
    expect([...response.x224ConnectionPdu!]).toEqual([...connectionConfirm({ selected: 0x1 })]);
    expect(response.serverCertChain!.map((der) => Buffer.from(der).toString('hex'))).toEqual([Buffer.from(TEST_CERT_DER).toString('hex')]);
    expect(response.serverAddr).toBe('\\\\.\\pipe\\A.BasicSession');
    expect(fake.requests.map((r) => [...r])).toEqual([[...request]]);

    await client.until(() => client.bytes().includes('hello from the VM'));
    expect(proxy.state).toBe('relaying');
    client.deliver(new TextEncoder().encode('keys from the browser'));
    await waitFor(() => Buffer.concat(fromClient).toString() === 'keys from the browser');

    client.drop();
    const outcome = await proxy.done;
    expect(outcome).toMatchObject({ ticketId: 't1', reached: 'relaying', error: null });
    expect(outcome.bytesToVm).toBeGreaterThan(request.length);
    await fake.allClosed(); // the pipe is freed
  });

  it('answers bad DER with HTTP 400 and never opens a pipe', async () => {
    const calls: string[] = [];
    const fake = await serve({ kind: 'tls' });
    const client = new MemoryConsoleSocket();
    const proxy = new ConsoleProxy(client, { open: opener(() => fake, calls), timeouts: FAST });
    client.deliver(Uint8Array.from([0x30, 0x03, 0x02, 0x01]));
    const outcome = await proxy.done;
    expect(outcome.error?.code).toBe('ConsoleBadRequest');
    await client.until(() => client.closed !== null);
    expect(answerOf(client).error).toEqual({ errorCode: 1, httpStatusCode: 400 });
    expect(calls).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it('answers another RDCleanPath version, a text message, a missing X.224 request or no request at all with HTTP 400', async () => {
    const fake = await serve({ kind: 'tls' });
    const cases: ((client: MemoryConsoleSocket) => void)[] = [
      (client) => client.deliver(Uint8Array.from([0x30, 0x06, 0xa0, 0x04, 0x02, 0x02, 0x0d, 0x3d])), // version 3389
      (client) => client.deliver(new TextEncoder().encode('{"type":"auth"}'), false),
      (client) => client.deliver(encodePdu({ version: RDCLEANPATH_VERSION, destination: 'x:1', proxyAuth: TOKEN, x224ConnectionPdu: Uint8Array.from([1, 2, 3]) })),
      () => undefined, // silence until the request timeout
    ];
    for (const act of cases) {
      const client = new MemoryConsoleSocket();
      const proxy = new ConsoleProxy(client, { open: opener(() => fake), timeouts: FAST });
      act(client);
      const outcome = await proxy.done;
      expect(outcome.error?.code).toBe('ConsoleBadRequest');
      await client.until(() => client.closed !== null);
      expect(answerOf(client).error?.httpStatusCode).toBe(400);
    }
    expect(fake.requests).toEqual([]);
  });

  it('answers an unknown or reused token with HTTP 401', async () => {
    const fake = await serve({ kind: 'tls' });
    const { client, proxy } = proxyTo(fake);
    client.deliver(requestPdu('stolen'));
    expect((await proxy.done).error?.code).toBe('ConsoleTicketInvalid');
    await client.until(() => client.closed !== null);
    expect(answerOf(client).error).toEqual({ errorCode: 1, httpStatusCode: 401 });
  });

  it('passes the server’s refusal on as a negotiation error carrying its Confirm, and frees the pipe', async () => {
    const refusal = connectionConfirm({ failure: 5 });
    const fake = await serve({ kind: 'bytes', bytes: refusal });
    const { client, proxy } = proxyTo(fake);
    client.deliver(requestPdu(TOKEN));
    const outcome = await proxy.done;
    expect(outcome.error?.code).toBe('ConsoleRefused');
    expect(outcome.error?.message).toContain('HYBRID_REQUIRED_BY_SERVER');
    await client.until(() => client.closed !== null);
    const answer = answerOf(client);
    expect(answer.error).toEqual({ errorCode: 2 });
    expect([...answer.x224ConnectionPdu!]).toEqual([...refusal]);
    await fake.allClosed();
  });

  it('says so when the server selects standard RDP security instead of TLS', async () => {
    const standard = connectionConfirm('none');
    const fake = await serve({ kind: 'bytes', bytes: standard });
    const { client, proxy } = proxyTo(fake);
    client.deliver(requestPdu(TOKEN));
    const outcome = await proxy.done;
    expect(outcome.error?.code).toBe('ConsoleSecurityUnsupported');
    await client.until(() => client.closed !== null);
    expect(answerOf(client).error).toEqual({ errorCode: 2 });
    expect([...answerOf(client).x224ConnectionPdu!]).toEqual([...standard]);
    await fake.allClosed();
  });

  it('answers a failed TLS handshake with a TLS alert and the VMMS-certificate advice; both sockets close', async () => {
    const fake = await serve({ kind: 'tls-then-close' });
    const { client, proxy } = proxyTo(fake);
    client.deliver(requestPdu(TOKEN));
    const outcome = await proxy.done;
    expect(outcome.error?.code).toBe('ConsoleTlsFailed');
    expect(outcome.error?.advice).toMatch(/VMMS certificate/);
    await client.until(() => client.closed !== null);
    expect(answerOf(client).error).toMatchObject({ errorCode: 1, tlsAlertCode: expect.any(Number) as number });
    await fake.allClosed();
  });

  it('answers a server that says nothing with WSA 10060 after the timeout, and closes the pipe', async () => {
    const fake = await serve({ kind: 'silent' });
    const { client, proxy } = proxyTo(fake);
    client.deliver(requestPdu(TOKEN));
    expect((await proxy.done).error?.code).toBe('SessionUnavailable');
    await client.until(() => client.closed !== null);
    expect(answerOf(client).error).toEqual({ errorCode: 1, wsaLastError: 10060 });
    await fake.allClosed();
  });

  it('closes the pipe when the browser goes away mid-handshake, also when the pipe opens after it left', async () => {
    const fake = await serve({ kind: 'silent' });
    // Gone while the server has not answered yet.
    const client = new MemoryConsoleSocket();
    const proxy = new ConsoleProxy(client, { open: opener(() => fake), timeouts: { ...FAST, confirmMs: 10_000 } });
    client.deliver(requestPdu(TOKEN));
    await waitFor(() => fake.requests.length === 1);
    client.drop();
    expect((await proxy.done).error?.code).toBe('ConsoleClosed');
    await fake.allClosed();

    // Gone while the pipe is still being opened: the pipe that opens late is closed at once.
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const late = new MemoryConsoleSocket();
    const open = opener(() => fake);
    const lateProxy = new ConsoleProxy(late, {
      open: async (token) => {
        await slow;
        return open(token);
      },
      timeouts: FAST,
    });
    late.deliver(requestPdu(TOKEN));
    await new Promise((resolve) => setTimeout(resolve, 50));
    late.drop();
    expect((await lateProxy.done).reached).toBe('opening');
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await fake.allClosed();
    expect(fake.requests).toHaveLength(1); // nothing was written on the late pipe
  });

  it('closes both sockets and frees the pipe when the VM stops mid-session', async () => {
    const fake = await serve({ kind: 'tls' });
    const { client, proxy } = proxyTo(fake);
    client.deliver(requestPdu(TOKEN));
    await waitFor(() => proxy.state === 'relaying');
    expect(fake.open.size).toBe(1);
    proxy.end('vm-stopped');
    const outcome = await proxy.done;
    expect(outcome.error?.code).toBe('VmNotRunning');
    expect(client.closed?.code).toBe(CONSOLE_CLOSE_VM_STOPPED);
    await fake.allClosed();
  });

  it('says the VM stopped when its pipe closes just before the news of the stop arrives', async () => {
    let vmSide: TLSSocket | null = null;
    const fake = await serve({ kind: 'tls', onSecure: (secure) => (vmSide = secure) });
    const { client, proxy } = proxyTo(fake);
    client.deliver(requestPdu(TOKEN));
    await waitFor(() => proxy.state === 'relaying' && vmSide !== null);
    vmSide!.destroy(); // the VM powers off: its pipe goes first …
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(client.closed).toBeNull(); // … and the browser is not yet told anything
    proxy.end('vm-stopped'); // then HCS says the VM stopped
    expect((await proxy.done).error?.code).toBe('VmNotRunning');
    expect(client.closed?.code).toBe(CONSOLE_CLOSE_VM_STOPPED);
  });

  it('closes the browser’s socket when the VM’s session closes (a guest reboot)', async () => {
    const fake = await serve({ kind: 'tls', onSecure: (secure) => secure.once('secure', () => setTimeout(() => secure.destroy(), 50)) });
    const { client, proxy } = proxyTo(fake);
    client.deliver(requestPdu(TOKEN));
    const outcome = await proxy.done;
    expect(outcome).toMatchObject({ reached: 'relaying', error: null });
    expect(client.closed?.code).toBe(1000);
  });

  it('stops reading the VM while the browser is behind, and starts again when it catches up', async () => {
    let vmSide: TLSSocket | null = null;
    const fake = await serve({ kind: 'tls', onSecure: (secure) => (vmSide = secure) });
    const { client, proxy } = proxyTo(fake);
    client.deliver(requestPdu(TOKEN));
    await waitFor(() => proxy.state === 'relaying' && vmSide !== null);
    client.bufferedAmount = 8 * 1024 * 1024; // the browser reads nothing
    vmSide!.write(Buffer.alloc(1024, 1));
    await client.until(() => client.sent.length >= 2);
    const before = client.bytes().length;
    vmSide!.write(Buffer.alloc(256 * 1024, 2));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.bytes().length - before).toBeLessThan(256 * 1024); // paused
    client.bufferedAmount = 0; // the browser caught up
    vmSide!.write(Buffer.alloc(16, 3));
    await client.until(() => client.bytes().length - before >= 256 * 1024 + 16);
    proxy.end('ended');
    await proxy.done;
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

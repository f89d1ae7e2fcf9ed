// The session port's peer check with real processes, on Linux (procfs) and under wine (GetExtendedTcpTable
// and a toolhelp snapshot, with Windows node.exe processes: wine reports owning PIDs only for those):
// the client's connection is its own, a grandchild's counts as the client's, a sibling's does not, and the
// one-shot listener refuses a foreign peer and keeps waiting for the client.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import koffi from 'koffi';
import { afterEach, describe, expect, it } from 'vitest';
import { listenOnce } from '../services/session/one-shot-listener.js';
import { waitFor } from '../../test/support/wait.js';
import { hostConnectionPeers } from './connection-peers.js';
import { parentIdOf, procAddress, socketInode } from './connection-peers-linux.js';
import { MIB_TCP6ROW_OWNER_PID, MIB_TCPROW_OWNER_PID, PROCESSENTRY32W } from './connection-peers-windows.js';

const peers = hostConnectionPeers();
const children: ChildProcess[] = [];

/** Connects to 127.0.0.1:<argv[1]> after <argv[2]> ms and holds the connection until it is closed. */
const CLIENT = `const n=require('net');setTimeout(()=>{const s=n.connect(+process.argv[1],'127.0.0.1');s.on('error',()=>process.exit(2));s.on('close',()=>process.exit(0))},+(process.argv[2]||0));setTimeout(()=>process.exit(3),60000);`;
/** Starts CLIENT as its own child (a client that re-spawns) and waits. */
const PARENT = `require('child_process').spawn(process.execPath,['-e',${JSON.stringify(CLIENT)},process.argv[1],'0'],{stdio:'ignore'});setTimeout(()=>process.exit(0),60000);`;
/** Does nothing for a while. */
const IDLE = `setTimeout(()=>process.exit(0),60000);`;

function run(code: string, ...args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['-e', code, ...args], { stdio: 'ignore', windowsHide: true });
  children.push(child);
  return child;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** A server that remembers its connections. */
async function server(): Promise<{ port: number; sockets: net.Socket[]; close(): Promise<void> }> {
  const sockets: net.Socket[] = [];
  const s = net.createServer((socket) => {
    socket.on('error', () => undefined);
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return {
    port: (s.address() as net.AddressInfo).port,
    sockets,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => s.close(resolve));
    },
  };
}

const ends = (socket: net.Socket) => [
  { address: socket.remoteAddress!, port: socket.remotePort! },
  { address: socket.localAddress!, port: socket.localPort! },
] as const;

/**
 * `client` → `server` is found to be `pid`'s or its descendant's. Asked again for up to 10 s: once, in a
 * CI run under wine, the answer for a live client’s connection came back false, and nine runs of this
 * file since (six with the CPUs kept busy) did not repeat it; which of wine’s answers lagged (the TCP
 * table's owner, the snapshot, the process times) is not known. A wrong "no" is the safe side for the
 * product (its port refuses the peer); the "no" answers below are not retried.
 */
async function expectFrom(client: { address: string; port: number }, server: { address: string; port: number }, pid: number): Promise<void> {
  await waitFor(() => peers.isFrom(client, server, pid), 10_000, `${client.port} → ${server.port} to be ${pid}'s`);
}

describe('ConnectionPeers with real processes', () => {
  it('tells the client’s connection, and its child’s, from a sibling’s', { timeout: 60_000 }, async () => {
    const s = await server();
    try {
      const client = run(CLIENT, String(s.port), '0');
      const sibling = run(IDLE);
      await waitFor(() => s.sockets.length === 1, 30_000, 'the client to connect');
      const [clientEnd, serverEnd] = ends(s.sockets[0]!);
      await expectFrom(clientEnd, serverEnd, client.pid!);
      expect(await peers.isFrom(clientEnd, serverEnd, sibling.pid!)).toBe(false);
      // The test process started the client, so it is an ancestor too: the walk goes all the way up.
      await expectFrom(clientEnd, serverEnd, process.pid);
      // A connection that does not exist has no owner.
      expect(await peers.isFrom({ address: '127.0.0.1', port: 1 }, serverEnd, client.pid!)).toBe(false);

      const parent = run(PARENT, String(s.port));
      await waitFor(() => s.sockets.length === 2, 30_000, 'the grandchild to connect');
      const [childEnd] = ends(s.sockets[1]!);
      await expectFrom(childEnd, serverEnd, parent.pid!);
      expect(await peers.isFrom(childEnd, serverEnd, client.pid!)).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('the one-shot port closes a foreign peer and keeps waiting for the client', { timeout: 60_000 }, async () => {
    let clientPid: number | null = null;
    const listener = await listenOnce({ peers, clientPid: () => clientPid });
    try {
      // A process that found the port before the client was started…
      const early = run(CLIENT, String(listener.port), '0');
      await waitFor(() => listener.refused === 1, 30_000, 'the early peer to be refused');
      // …and one that connects while the client is starting: both closed.
      const client = run(CLIENT, String(listener.port), '1500');
      clientPid = client.pid!;
      const foreign = run(CLIENT, String(listener.port), '0');
      const socket = await listener.connection;
      expect(listener.refused).toBe(2);
      expect(await peers.isFrom(...ends(socket), client.pid!)).toBe(true);
      await waitFor(() => early.exitCode !== null && foreign.exitCode !== null, 30_000, 'the refused peers to see their connections closed');
      expect([early.exitCode, foreign.exitCode]).toEqual([0, 0]);
      // The port is gone once the client has it.
      const late = await new Promise((resolve) => {
        const attempt = net.connect(listener.port, '127.0.0.1');
        attempt.once('connect', () => {
          attempt.destroy();
          resolve('connected');
        });
        attempt.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
      });
      expect(late).toBe('ECONNREFUSED');
      socket.destroy();
    } finally {
      listener.close();
    }
  });
});

describe('procfs parsing (Linux)', () => {
  it('reads addresses in the machine’s byte order, v4-mapped IPv6 too', () => {
    expect(procAddress('0100007F')).toBe('127.0.0.1');
    expect(procAddress('0000000000000000FFFF00000100007F')).toBe('127.0.0.1');
    expect(procAddress('00000000000000000000000001000000')).toBeNull();
  });

  it('finds the socket inode of a connection and a parent id behind an odd command name', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 20 4 30 10 -1',
      '   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0000000000000000 20 4 30 10 -1',
    ].join('\n');
    expect(socketInode(table, { address: '127.0.0.1', port: 0xd431 }, { address: '127.0.0.1', port: 0x1f90 })).toBe(4242);
    expect(socketInode(table, { address: '::ffff:127.0.0.1', port: 0xd431 }, { address: '127.0.0.1', port: 0x1f90 })).toBe(4242);
    expect(socketInode(table, { address: '127.0.0.1', port: 1 }, { address: '127.0.0.1', port: 0x1f90 })).toBeNull();
    expect(parentIdOf('1234 (a) b (c)) S 77 1234 1234 0 -1')).toBe(77);
  });
});

// The same numbers stand-in/win32-layouts.c checks against mingw-w64's iprtrmib.h and tlhelp32.h.
describe('Win32 layouts (x64)', () => {
  it('MIB_TCPROW_OWNER_PID, MIB_TCP6ROW_OWNER_PID and PROCESSENTRY32W', () => {
    expect(koffi.sizeof(MIB_TCPROW_OWNER_PID)).toBe(24);
    expect(koffi.offsetof(MIB_TCPROW_OWNER_PID, 'dwOwningPid')).toBe(20);
    expect(koffi.sizeof(MIB_TCP6ROW_OWNER_PID)).toBe(56);
    expect(koffi.offsetof(MIB_TCP6ROW_OWNER_PID, 'dwRemotePort')).toBe(44);
    expect(koffi.offsetof(MIB_TCP6ROW_OWNER_PID, 'dwOwningPid')).toBe(52);
    expect(koffi.sizeof(PROCESSENTRY32W)).toBe(568);
    expect(koffi.offsetof(PROCESSENTRY32W, 'th32ProcessID')).toBe(8);
    expect(koffi.offsetof(PROCESSENTRY32W, 'th32ParentProcessID')).toBe(32);
    expect(koffi.offsetof(PROCESSENTRY32W, 'szExeFile')).toBe(44);
  });
});

/**
 * Who holds the other end of a loopback TCP connection, on Linux (the session port's peer check off
 * Windows, `ConnectionPeers`), from procfs (proc(5)):
 *
 * - `/proc/net/tcp` and `/proc/net/tcp6` list the connections of this network namespace with the inode of
 *   each socket; the connecting socket is the row whose local end is the client's address and port and
 *   whose remote end is the server's. Addresses are the kernel's 32-bit words printed in hexadecimal in
 *   the machine's byte order (`0100007F` is 127.0.0.1 on little-endian machines), ports in hexadecimal.
 * - A process holds that socket when one of its descriptors in `/proc/<pid>/fd` links to `socket:[inode]`.
 *   Only the client and its descendants are searched: their parent ids come from `/proc/<pid>/stat`.
 *   Linux re-parents the children of a process that exits (to init or a subreaper), so a live process's
 *   parent id always names a live process, and a pid is not reused while its process is unreaped.
 *
 * Everything is read asynchronously (fs/promises); an unreadable entry counts as "not the client".
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import os from 'node:os';
import type { ConnectionPeers, TcpEndpoint } from '../services/ports.js';

/** `0100007F` (one 32-bit word, machine byte order) → its four bytes in memory order. */
function wordBytes(hex: string): number[] {
  const word = parseInt(hex, 16) >>> 0;
  const bytes = [(word >>> 24) & 0xff, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff];
  return os.endianness() === 'LE' ? bytes.reverse() : bytes;
}

/** A procfs address (8 or 32 hex digits) → IPv4 text, also for a v4-mapped IPv6 address; null otherwise. */
export function procAddress(hex: string): string | null {
  if (hex.length === 8) return wordBytes(hex).join('.');
  if (hex.length !== 32) return null;
  const bytes = [0, 8, 16, 24].flatMap((at) => wordBytes(hex.slice(at, at + 8)));
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12).join('.') : null;
}

/** The socket inode of the connection `client` → `server` in a /proc/net/tcp(6) text, or null. */
export function socketInode(table: string, client: TcpEndpoint, server: TcpEndpoint): number | null {
  const plain = (address: string) => address.replace(/^::ffff:/i, '');
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10) continue;
    const [localAddress, localPort] = fields[1]!.split(':');
    const [remoteAddress, remotePort] = fields[2]!.split(':');
    if (
      parseInt(localPort!, 16) === client.port &&
      parseInt(remotePort!, 16) === server.port &&
      procAddress(localAddress!) === plain(client.address) &&
      procAddress(remoteAddress!) === plain(server.address)
    ) {
      const inode = Number(fields[9]);
      return inode > 0 ? inode : null;
    }
  }
  return null;
}

/** The parent id in a /proc/<pid>/stat text (the field after the command, which may hold spaces and parentheses). */
export function parentIdOf(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const parent = Number(fields[1]);
  return Number.isInteger(parent) ? parent : null;
}

async function readOrNull(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

/** `root` and every process that descends from it. */
async function processTree(root: number): Promise<number[]> {
  const children = new Map<number, number[]>();
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name)).map(Number);
  await Promise.all(
    pids.map(async (pid) => {
      const stat = await readOrNull(`/proc/${pid}/stat`);
      const parent = stat === null ? null : parentIdOf(stat);
      if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
    }),
  );
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

async function holdsSocket(pid: number, inode: number): Promise<boolean> {
  const wanted = `socket:[${inode}]`;
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  for (const fd of fds) {
    if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => null)) === wanted) return true;
  }
  return false;
}

export const linuxConnectionPeers: ConnectionPeers = {
  async isFrom(client, server, pid) {
    let inode: number | null = null;
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      const text = await readOrNull(table);
      inode = text === null ? null : socketInode(text, client, server);
      if (inode !== null) break;
    }
    if (inode === null) return false;
    for (const candidate of await processTree(pid)) if (await holdsSocket(candidate, inode)) return true;
    return false;
  },
};

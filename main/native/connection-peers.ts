/**
 * The `ConnectionPeers` of this platform: GetExtendedTcpTable and a toolhelp snapshot on Windows
 * (connection-peers-windows.ts), procfs on Linux (connection-peers-linux.ts). Elsewhere no peer can be
 * told, and the check fails closed (every peer is refused).
 */
import type { ConnectionPeers } from '../services/ports.js';
import { linuxConnectionPeers } from './connection-peers-linux.js';
import { windowsConnectionPeers } from './connection-peers-windows.js';

const unknownPeers: ConnectionPeers = { isFrom: async () => false };

export function hostConnectionPeers(platform: NodeJS.Platform = process.platform): ConnectionPeers {
  if (platform === 'win32') return windowsConnectionPeers;
  if (platform === 'linux') return linuxConnectionPeers;
  return unknownPeers;
}

/** Loopback TCP ports for tests that start servers of their own (freerdp-shadow, proxies). */
import net from 'node:net';
import { delay } from './wait.js';

/** A port nothing listens on now (the OS picks it; a race with other processes is possible but rare). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something accepts connections on `port`; rejects after `timeoutMs`, naming `what`. */
export async function waitForPort(port: number, timeoutMs: number, what = 'a server'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} does not listen on ${port}`);
    await delay(100);
  }
}

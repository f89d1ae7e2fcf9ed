// cfgmgr32 and the session port's peer check against the real Windows (npm run test:real-dlls; the
// Windows workflow runs it). A runner may have no GPU with a paravirtualization interface: the list is
// then empty, and every entry there is must be of that class with its device's instance id.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { GPU_PARAVIRTUALIZATION_CLASS } from '../../app/gpu/device-path.js';
import { hostConnectionPeers, loadNativeHost, loaderReport, systemDirectory } from '../../main/native/index.js';
import { waitFor } from '../support/wait.js';

const enabled = process.platform === 'win32' && process.env.HAKO_REAL_DLLS === '1';
const children: ChildProcess[] = [];

afterAll(() => children.forEach((child) => child.kill()));

describe.runIf(enabled)('cfgmgr32 and the peer check on Windows', () => {
  it('lists the GPU paravirtualization interfaces from System32’s cfgmgr32', async () => {
    const gpus = await loadNativeHost().devices.gpus();
    const cfgmgr32 = loaderReport().libraries.find((library) => library.name === 'cfgmgr32');
    expect(cfgmgr32?.path.toLowerCase()).toBe(`${systemDirectory()!.toLowerCase()}\\cfgmgr32.dll`);
    for (const gpu of gpus) {
      expect(gpu.path.toLowerCase()).toContain(`{${GPU_PARAVIRTUALIZATION_CLASS}}`);
      if (gpu.problem === null) expect(gpu.instanceId).toMatch(/\\/);
    }
    console.log(`GPU paravirtualization interfaces on this host: ${JSON.stringify(gpus, null, 2)}`);
  });

  it('tells the connecting process (GetExtendedTcpTable) and its parent (toolhelp) from a sibling', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const code = `const s=require('net').connect(${port},'127.0.0.1');s.on('close',()=>process.exit(0));setTimeout(()=>process.exit(0),30000);`;
    const client = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
    const sibling = spawn(process.execPath, ['-e', 'setTimeout(()=>{},30000)'], { stdio: 'ignore' });
    children.push(client, sibling);
    try {
      await waitFor(() => sockets.length === 1, 15_000, 'the client to connect');
      const socket = sockets[0]!;
      const clientEnd = { address: socket.remoteAddress!, port: socket.remotePort! };
      const serverEnd = { address: socket.localAddress!, port: socket.localPort! };
      const peers = hostConnectionPeers();
      expect(await peers.isFrom(clientEnd, serverEnd, client.pid!)).toBe(true);
      expect(await peers.isFrom(clientEnd, serverEnd, process.pid)).toBe(true);
      expect(await peers.isFrom(clientEnd, serverEnd, sibling.pid!)).toBe(false);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

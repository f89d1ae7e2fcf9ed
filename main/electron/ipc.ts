/**
 * Registers the contract on Electron's real `ipcMain` (the logic is in ipc-core.ts, shared with tests).
 */
import { ipcMain, type WebContents } from 'electron';
import type { Dispatch } from '../../app/ipc/dispatch.js';
import { registerContractIpc, type IpcBridge, type IpcMainLike } from './ipc-core.js';
import type { ShellLog } from './log.js';

export type ElectronIpcBridge = IpcBridge<WebContents>;

export function registerIpc(dispatch: Dispatch, log: ShellLog): ElectronIpcBridge {
  // Electron's event has more members than ipc-core reads; senderFrame is a WebFrameMain (url, parent).
  const bridge = registerContractIpc(ipcMain as unknown as IpcMainLike<WebContents>, dispatch, log);
  let current: WebContents | null = null;
  return {
    ...bridge,
    attach(contents) {
      current = contents;
      bridge.attach(contents);
      contents.on('did-start-navigation', (details) => {
        if (contents === current && details.isMainFrame && !details.isSameDocument) bridge.renew();
      });
    },
  };
}

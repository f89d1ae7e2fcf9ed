/**
 * The preload: `window.hako`, a HakoApi over Electron IPC, derived from the contract's names (see
 * app/ipc/bridge.ts). Nothing else is exposed: no ipcRenderer, no Electron event objects, only the
 * contract's channels. Sandboxed, so this is bundled into one CommonJS file that requires only
 * 'electron'; it carries no zod (the schemas are checked in main).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, createBridgedApi, type IpcRendererLike } from '../app/ipc/bridge.js';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridgedApi(ipcRenderer as unknown as IpcRendererLike));

/**
 * Holding a Windows session end with a reason, as NanaBox does (NanaBox's MainWindow.cpp):
 * `ShutdownBlockReasonCreate(hwnd, reason)` puts Hako's sentence on the "apps are preventing shutdown"
 * screen, `ShutdownBlockReasonDestroy(hwnd)` takes it away, and `SetProcessShutdownParameters(0x3FF, 0)`
 * asks Windows to query Hako before other applications. Windows only; null elsewhere.
 *
 * The window handle comes from Electron's `getNativeWindowHandle()` (a Buffer holding the HWND); it is
 * read here into the pointer value, so no koffi value leaves this file.
 */
import { bind, loadLibrary } from './library.js';

export interface NativeShutdownBlocker {
  block(hwnd: Buffer, reason: string): boolean;
  release(hwnd: Buffer): void;
}

const FIRST_TO_BE_ASKED = 0x3ff;

function handleValue(hwnd: Buffer): bigint {
  return hwnd.length >= 8 ? hwnd.readBigUInt64LE(0) : BigInt(hwnd.readUInt32LE(0));
}

export function createShutdownBlocker(): NativeShutdownBlocker | null {
  if (process.platform !== 'win32') return null;
  // By absolute path from System32, like every library Hako loads (library.ts).
  const user32 = loadLibrary('user32');
  const kernel32 = loadLibrary('kernel32');
  const ShutdownBlockReasonCreate = bind(user32, 'ShutdownBlockReasonCreate', 'int', ['void *', 'str16']);
  const ShutdownBlockReasonDestroy = bind(user32, 'ShutdownBlockReasonDestroy', 'int', ['void *']);
  const SetProcessShutdownParameters = bind(kernel32, 'SetProcessShutdownParameters', 'int', ['uint32_t', 'uint32_t']);
  SetProcessShutdownParameters(FIRST_TO_BE_ASKED, 0);
  return {
    block: (hwnd, reason) => ShutdownBlockReasonCreate(handleValue(hwnd), reason) !== 0,
    release: (hwnd) => {
      ShutdownBlockReasonDestroy(handleValue(hwnd));
    },
  };
}

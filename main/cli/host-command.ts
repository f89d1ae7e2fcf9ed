/** `hako host`: runs Hako's services and serves the UI to a browser on this machine (main/host/). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Dispatch } from '../../app/ipc/dispatch.js';
import { startBrowserHost, type HostEventSource } from '../host/server.js';
import { type ConsoleSocket } from '../services/screen/console-socket.js';
import { defaultDataDir } from './data-dir.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './output.js';

export const HOST_HELP = `Usage: hako host [--port N] [--data-dir D] [--static-dir D]

Run Hako's services and serve its UI on http://127.0.0.1 for a browser on this machine. Prints one
line, "hako host: <url>"; the URL carries a secret that lets only its holder in. Runs until
interrupted (Ctrl+C).

Options:
  --port <N>         Port to listen on (default 0: any free port).
  --data-dir <D>     Where the library and preferences live (default: Hako's user-data folder).
  --static-dir <D>   The built renderer to serve (default: out/renderer).
`;

/** What the host needs from the composition root (main/app-services.ts). */
export interface HostServices {
  readonly dispatch: Dispatch;
  readonly events: HostEventSource;
  /** Reads the library once the host listens (app-services.ts: listen first). */
  readLibrary?(): Promise<void>;
  /** The VM's screen: the host serves its console endpoint at `/console` and says where. */
  readonly screen?: { accept(socket: ConsoleSocket): void; setEndpoint(url: string | null): void };
  dispose(): Promise<void>;
}

export interface HostCommandDeps {
  /** Builds the services; the real composition root by default. */
  readonly createServices?: (options: { dataDir: string; log: { debug(message: string): void; error(message: string, error: unknown): void } }) => Promise<HostServices>;
  /** Resolves when the host should stop; SIGINT or SIGTERM by default. */
  readonly until?: Promise<unknown>;
}

/** out/renderer next to the bundled CLI (out/cli/hako.js), else under the working directory. */
function defaultStaticDir(): string {
  const candidates = [path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'renderer'), path.resolve('out', 'renderer')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[1]!;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function runHost(args: string[], io: CliIo, deps: HostCommandDeps = {}): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'static-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) {
    io.stdout(HOST_HELP);
    return EXIT.ok;
  }
  const portText = values.port ?? '0';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port expects a number from 0 to 65535, got "${portText}"`);
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const staticDir = values['static-dir'] !== undefined ? path.resolve(values['static-dir']) : defaultStaticDir();
  if (!existsSync(path.join(staticDir, 'index.html'))) io.stderr(`hako host: warning: ${staticDir} holds no index.html; build the renderer first (npm run build)\n`);

  const log = {
    debug: () => undefined,
    error: (message: string, error: unknown) => io.stderr(`hako host: ${message}: ${error instanceof Error ? error.message : String(error)}\n`),
  };
  const createServices = deps.createServices ?? (async (options) => (await import('../app-services.js')).createAppServices(options));
  const services = await createServices({ dataDir, log });
  let host;
  try {
    const screen = services.screen;
    host = await startBrowserHost({
      dispatch: services.dispatch,
      events: services.events,
      staticDir,
      port,
      log: { warn: (message) => io.stderr(`${message}\n`) },
      ...(screen ? { onConsole: (socket: ConsoleSocket) => screen.accept(socket) } : {}),
    });
    screen?.setEndpoint(host.consoleUrl);
  } catch (error) {
    await services.dispose();
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      io.stderr(`hako host: cannot listen on 127.0.0.1:${port} (${code})\n`);
      return EXIT.usage;
    }
    throw error;
  }
  io.stdout(`hako host: ${host.url}\n`);
  void services.readLibrary?.();
  await (deps.until ?? untilSignal());
  await host.close();
  await services.dispose();
  return EXIT.ok;
}

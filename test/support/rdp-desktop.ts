/**
 * A real RDP server for the console's end-to-end test and benchmark: an Xvfb display shared by
 * `freerdp-shadow-cli` (TLS, authentication off) on a loopback port, programs run on that display, and
 * `xwd` captures of it to compare with what the console paints. The stand-in's session pipes reach it
 * through a target file in `HAKO_STAND_IN_SESSION_TARGETS` (stand-in/README.md), which a `hako host`
 * process reads.
 *
 * Needs (Debian 12): freerdp2-shadow-x11 xvfb x11-apps xterm fonts-dejavu-core; `requireTools` names what
 * is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, waitForPort } from './ports.js';

export const RDP_TOOLS = ['freerdp-shadow-cli', 'Xvfb', 'xwd', 'xterm'] as const;

/** Throws, naming the Debian packages, when a tool is not on the PATH. */
export function requireTools(): void {
  const onPath = (tool: string) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, tool)));
  const missing = RDP_TOOLS.filter((tool) => !onPath(tool));
  if (missing.length > 0) throw new Error(`install ${missing.join(', ')} (Debian: freerdp2-shadow-x11 xvfb x11-apps xterm fonts-dejavu-core)`);
}

export interface Screen {
  readonly width: number;
  readonly height: number;
  /** [r, g, b] at (x, y). */
  pixel(x: number, y: number): [number, number, number];
}

export interface RdpDesktop {
  /** The X display, `:N`. */
  readonly display: string;
  /** The shadow server's loopback port. */
  readonly port: number;
  readonly width: number;
  readonly height: number;
  /** Runs a program on the desktop (killed by `close`). */
  run(command: string, args: string[], env?: Record<string, string>): ChildProcess;
  /** The display as it is now. */
  screenshot(): Promise<Screen>;
  /** Points the stand-in pipe `pipeName` (`\\.\pipe\…`) at this server, through `targetsDir`. */
  target(targetsDir: string, pipeName: string): Promise<void>;
  /** The RDP server's process id now (it changes when the server is restarted), for CPU accounting. */
  readonly serverPid: number | undefined;
  /** Stops the RDP server (its sessions drop, as when a guest restarts), waits `downMs`, and starts it again on the same port. */
  restartServer(downMs: number): Promise<void>;
  close(): Promise<void>;
}


/** The stand-in's socket name for a pipe (stand-in/README.md "Console endpoints"): the rest, `/` → `_`. */
export function targetFileName(pipeName: string): string {
  return pipeName.replace(/^\\\\[.?]\\pipe\\/i, '').replaceAll('/', '_').replaceAll('\\', '_');
}

/** Parses `xwd` output (32 bits per pixel, masks from its header). */
export function parseXwd(buf: Buffer): Screen {
  const u32 = (i: number) => buf.readUInt32BE(i * 4);
  const [headerSize, width, height, byteOrder, bitsPerPixel, bytesPerLine, red, green, blue, colors] = [u32(0), u32(4), u32(5), u32(7), u32(11), u32(12), u32(14), u32(15), u32(16), u32(19)];
  if (bitsPerPixel !== 32) throw new Error(`xwd: ${bitsPerPixel} bits per pixel, expected 32`);
  const start = headerSize + colors * 12;
  const shift = (mask: number) => 31 - Math.clz32(mask & -mask);
  return {
    width,
    height,
    pixel(x, y) {
      const offset = start + y * bytesPerLine + x * 4;
      const v = byteOrder === 0 ? buf.readUInt32LE(offset) : buf.readUInt32BE(offset);
      return [((v & red) >>> shift(red)) & 0xff, ((v & green) >>> shift(green)) & 0xff, ((v & blue) >>> shift(blue)) & 0xff];
    },
  };
}

/** Starts Xvfb (`width`×`height`) and freerdp-shadow-cli on it; `dir` holds the server's HOME (its TLS certificate). */
export async function startRdpDesktop(options: { width: number; height: number; dir: string }): Promise<RdpDesktop> {
  requireTools();
  const children: ChildProcess[] = [];
  const run = (command: string, args: string[], env: Record<string, string> = {}, extraFd = false): ChildProcess => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', ...(extraFd ? (['pipe'] as const) : [])] });
    child.stdout!.resume();
    child.stderr!.resume();
    children.push(child);
    return child;
  };
  const close = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  };
  try {
    const xvfb = run('Xvfb', ['-displayfd', '3', '-screen', '0', `${options.width}x${options.height}x24`, '-nolisten', 'tcp'], {}, true);
    const display = await new Promise<string>((resolve, reject) => {
      let text = '';
      (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(`:${text.trim()}`);
      });
      xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
      setTimeout(() => reject(new Error('Xvfb did not start')), 10_000);
    });
    const home = path.join(options.dir, 'rdp-home');
    await mkdir(home, { recursive: true });
    const port = await freePort();
    const spawnServer = () => run('freerdp-shadow-cli', ['/bind-address:127.0.0.1', `/port:${port}`, '-auth', '/sec:tls'], { DISPLAY: display, HOME: home });
    let server: ChildProcess;
    // The shadow server sometimes cannot open a display Xvfb has just announced ("failed to open
    // display", seen when an earlier Xvfb of the same number was killed) and exits at once: start it
    // again until it listens. 45 s in all, so a failure is reported (and Xvfb closed) before a
    // spec's 60 s hook timeout tears the worker down with Xvfb still running.
    const startServer = async () => {
      const deadline = Date.now() + 45_000;
      for (;;) {
        server = spawnServer();
        const exited = new Promise<'exited'>((resolve) => server.once('exit', () => resolve('exited')));
        const listening = waitForPort(port, Math.max(0, deadline - Date.now()), 'freerdp-shadow-cli').then(() => 'listening' as const);
        if ((await Promise.race([listening, exited])) === 'listening') return;
        // Its port check keeps polling until the deadline; it only matters if nothing ever listens.
        listening.catch(() => undefined);
        if (Date.now() > deadline) throw new Error('freerdp-shadow-cli exited without listening');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    await startServer();
    return {
      display,
      port,
      width: options.width,
      height: options.height,
      // HISTFILE: a shell run on the desktop outlives the terminal close() kills, long enough to write its
      // history into HOME (often the caller's folder, about to be removed); it keeps none.
      run: (command, args, env = {}) => run(command, args, { DISPLAY: display, HISTFILE: '/dev/null', ...env }),
      get serverPid() {
        return server.pid;
      },
      async screenshot() {
        const child = spawn('xwd', ['-root', '-silent', '-display', display], { stdio: ['ignore', 'pipe', 'ignore'] });
        const chunks: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
        await new Promise((resolve) => child.once('close', resolve));
        return parseXwd(Buffer.concat(chunks));
      },
      async target(targetsDir, pipeName) {
        await mkdir(targetsDir, { recursive: true });
        await writeFile(path.join(targetsDir, targetFileName(pipeName)), `127.0.0.1:${port}\n`);
      },
      async restartServer(downMs) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGKILL');
        await exited;
        await new Promise((resolve) => setTimeout(resolve, downMs));
        await startServer();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

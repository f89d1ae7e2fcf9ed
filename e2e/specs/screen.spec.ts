/**
 * The VM's screen inside Hako, end to end: Chromium on the browser host, a VM on the stand-ins whose
 * session pipes lead (through the stand-in's pipe, identified as the VM's worker) to freerdp-shadow-cli
 * sharing an Xvfb desktop. The console must show that desktop (the canvas against an xwd capture of the
 * display), carry keystrokes (a command typed into the canvas writes a file), and, in an enhanced
 * session, ask the guest to follow the window's size. freerdp-shadow offers no display-control channel,
 * so the resize itself cannot be seen here: the test proves that Hako asks for it.
 *
 * Needs (Debian 12): freerdp2-shadow-x11 xvfb x11-apps xterm fonts-dejavu-core (test/support/rdp-desktop.ts).
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { startRdpDesktop, targetFileName, type RdpDesktop, type Screen } from '../../test/support/rdp-desktop.js';
import { expect, test } from './fixtures.js';
import { screenshot } from '../support/screenshots.js';
import { sessionTargetsDir, smallVm } from '../support/vms.js';

const WIDTH = 1280;
const HEIGHT = 800;
/** The xterm's background: a colour nothing else on the desktop has. */
const XTERM_BG: readonly [number, number, number] = [0x2e, 0x8b, 0x57]; // sea green

let desktop: RdpDesktop;
let work: string;

test.beforeAll(async () => {
  // Lower-case letters only in the path the test types (upper case would need Shift too).
  work = path.join(tmpdir(), `hako-console-e2e-${randomBytes(4).toString('hex')}`);
  await mkdir(work, { recursive: true });
  desktop = await startRdpDesktop({ width: WIDTH, height: HEIGHT, dir: work });
  // An interactive shell in a large xterm: what the console must show, and where typed keys land.
  desktop.run('xterm', ['-fa', 'DejaVu Sans Mono', '-fs', '16', '-bg', 'seagreen', '-fg', 'white', '-geometry', '100x30+0+0', '-e', 'bash', '--norc', '--noprofile'], {
    PS1: '$ ',
    HOME: work,
  });
});

test.afterAll(async () => {
  await desktop?.close();
  await rm(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

/** A grid of points across the desktop. */
function grid(columns: number, rows: number): [number, number][] {
  const points: [number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) points.push([Math.floor(((c + 0.5) * WIDTH) / columns), Math.floor(((r + 0.5) * HEIGHT) / rows)]);
  return points;
}

const close = (a: readonly number[], b: readonly number[], tolerance: number) => a.every((value, i) => Math.abs(value - b[i]!) <= tolerance);

/** The connected console in the light and dark themes, and in a small window (1024×700). */
async function shots(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  await screenshot(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForTimeout(300); // the picture refits to the frame
  await screenshot(page, `${name}-1024x700`);
  await page.setViewportSize(size);
}

test('the console shows the VM’s screen, takes the keyboard, reconnects after a guest restart, and asks an enhanced guest to follow the window', async ({ app, page }) => {
  test.setTimeout(120_000);
  const vm = await smallVm('E2E Console');
  const targets = sessionTargetsDir();
  await desktop.target(targets, `\\\\.\\pipe\\${vm.name}.BasicSession`);
  await desktop.target(targets, `\\\\.\\pipe\\${vm.name}.EnhancedSession`);

  // The console's 2 MB client is not part of the app: nothing of it loads before the Screen tab opens.
  const consoleRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/console(\.html|-[^/]*\.js)/.test(request.url())) consoleRequests.push(request.url());
  });

  const vmPage = await app.openVm(vm.path, vm.name);
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  expect(consoleRequests).toEqual([]);

  const screen = await vmPage.openScreen();
  await screen.connect('Basic');
  await screen.expectConnected();
  await expect(screen.status).toContainText(`Screen ${WIDTH} × ${HEIGHT}`);

  // The picture is the server's desktop: a grid of points against an xwd capture of the display.
  const points = grid(32, 20);
  let matching = 0;
  let server: Screen | null = null;
  let painted: { pixels: [number, number, number][] } | null = null;
  await expect
    .poll(
      async () => {
        server = await desktop.screenshot();
        painted = await screen.canvasPixels(points);
        matching = points.filter(([x, y], i) => close(server!.pixel(x, y), painted!.pixels[i]!, 24)).length;
        return matching / points.length;
      },
      { timeout: 20_000, message: 'canvas pixels matching the server’s display' },
    )
    .toBeGreaterThanOrEqual(0.98);
  // Fit to window: the whole desktop is in view, as large as the frame allows (one side fills it).
  await expect
    .poll(async () => {
      const box = await screen.canvasBox();
      const inside = box.left >= -1 && box.top >= -1 && box.right <= box.frameWidth + 1 && box.bottom <= box.frameHeight + 1;
      const fills = Math.abs(box.right - box.left - box.frameWidth) <= 2 || Math.abs(box.bottom - box.top - box.frameHeight) <= 2;
      return inside && fills;
    }, { message: 'the picture fits the frame' })
    .toBe(true);
  // …and there is something to see: the xterm's green covers much of it.
  const green = painted!.pixels.filter((pixel) => close(pixel, XTERM_BG, 24)).length;
  expect(green / points.length).toBeGreaterThan(0.3);

  // Keys typed into the picture reach the server's shell: a command writes a file.
  const typed = path.join(work, 'typed.txt');
  await screen.focusScreen();
  await expect(screen.status).toContainText('The VM has the keyboard');
  // Typed as a person types it: Shift held for ">" (the client sends key positions, as RDP does).
  await page.keyboard.type('echo hako-console-typed ', { delay: 15 });
  await page.keyboard.press('Shift+Period');
  await page.keyboard.type(` ${typed}`, { delay: 15 });
  await page.keyboard.press('Enter');
  await expect.poll(() => existsSync(typed), { timeout: 15_000, message: 'the file the typed command writes' }).toBe(true);
  expect((await readFile(typed, 'utf8')).trim()).toBe('hako-console-typed');
  await shots(page, 'console-connected');

  // Ctrl+Alt+← gives the keyboard back to Hako.
  await screen.focusScreen();
  await page.keyboard.press('Control+Alt+ArrowLeft');
  await expect(screen.button('Disconnect')).toBeFocused();

  // The guest restarts: its RDP server goes away and comes back while the VM runs. The console says so,
  // keeps trying, and shows the screen again.
  const restarted = desktop.restartServer(3_000);
  const reconnecting = page.getByRole('tabpanel').getByRole('heading', { name: 'The guest is restarting — reconnecting' });
  await expect(reconnecting).toBeVisible({ timeout: 15_000 });
  await restarted;
  await expect(reconnecting).toBeHidden({ timeout: 60_000 });
  await screen.expectConnected();

  // Switching to enhanced while connected reconnects in that mode: the guest's credentials are asked
  // for (and not kept by the browser host), then the window's size is asked of the guest.
  await screen.mode('Enhanced').check();
  const signIn = page.getByRole('dialog', { name: `Sign in to ${vm.name}` });
  await expect(signIn).toBeVisible();
  await expect(signIn).toContainText('keeps no credentials');
  await screenshot(page, 'console-credentials-light');
  await signIn.getByRole('textbox', { name: 'User name' }).fill('guest');
  await signIn.getByLabel('Password').fill('not-checked-by-this-server');
  await signIn.getByRole('button', { name: 'Connect' }).click();
  await screen.expectConnected();
  await page.setViewportSize({ width: 1200, height: 760 });
  await expect(screen.status).toContainText(/asked the guest for \d+ × \d+/, { timeout: 10_000 });

  // Disconnecting leaves the VM running, and the console ready to connect again.
  await screen.button('Disconnect').click();
  await expect(screen.button('Connect')).toBeEnabled();
  await vmPage.expectState('Running');
  await vmPage.powerOff();
  await expect(page.getByRole('tabpanel').getByRole('heading', { name: 'The VM is off' })).toBeVisible();
  await screenshot(page, 'console-off-light');
});

test('the external client stays the second choice: the Screen tab opens it, the Overview shows and ends it', async ({ app, page }) => {
  const vm = await smallVm('E2E External');
  // Behind the VM's basic pipe, a server that echoes: what the stand-in client checks it reached.
  const connections = new Set<net.Socket>();
  const echo = net.createServer((socket) => {
    connections.add(socket);
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  await writeFile(path.join(sessionTargetsDir(), targetFileName(`\\\\.\\pipe\\${vm.name}.BasicSession`)), `127.0.0.1:${(echo.address() as net.AddressInfo).port}\n`);

  // No display here for mstsc or xfreerdp: the user's own command line runs the stand-in client, which
  // stays connected until Hako ends it (test/support/fake-rdp-client.mjs).
  await app.showPreferences();
  const rdp = page.getByRole('region', { name: 'Remote Desktop client' });
  const clients = rdp.getByRole('radiogroup', { name: 'RDP client' });
  await clients.getByRole('radio', { name: 'A command of my own' }).check();
  const command = rdp.getByRole('textbox', { name: 'Command line' });
  await command.fill(`"${process.execPath}" "${path.resolve(import.meta.dirname, '../../test/support/fake-rdp-client.mjs')}" {port} {file} stay`);
  await command.press('Enter');
  await expect(command).not.toHaveAttribute('aria-invalid');
  try {
    const vmPage = await app.openVm(vm.path, vm.name);
    await vmPage.run('Start');
    await vmPage.expectState('Running');
    const screen = await vmPage.openScreen();
    await screen.mode('Basic').check();
    await page.getByRole('tabpanel').getByRole('button', { name: 'Open in Remote Desktop Connection' }).click();

    // The client Hako started reached the VM's session through the bridge.
    await vmPage.openOverview();
    await expect(vmPage.session.getByRole('status')).toHaveText('A remote desktop window is open (basic session).', { timeout: 15_000 });
    await vmPage.session.getByRole('button', { name: 'Disconnect' }).click();
    await expect(vmPage.session.getByRole('status')).toHaveText('No remote desktop window is open for this VM.', { timeout: 15_000 });
    await vmPage.powerOff();
    await vmPage.expectState('Stopped');
  } finally {
    // The shared host's preference goes back to the client Hako finds, for the specs after this one.
    await app.showPreferences();
    await clients.getByRole('radio').first().check();
    await expect(command).toBeHidden();
    for (const socket of connections) socket.destroy();
    await new Promise((resolve) => echo.close(resolve));
  }
});

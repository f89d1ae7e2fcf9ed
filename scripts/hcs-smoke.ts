/**
 * The real-HCS smoke test: `npm run smoke:hcs [-- <file.7b>]`, on Windows, elevated, with the Virtual
 * Machine Platform (or Hyper-V) feature on. It starts a tiny VM through Hako's own VmService, reads its
 * properties, powers it off and says at each step what it saw; the last line is `hako smoke: ok` (exit
 * code 0) or `hako smoke: FAILED …` (exit code 1).
 *
 * Without a file it makes one in a temporary folder: 1 processor, 512 MB, no disk, no network adapter
 * (a VM with no disk boots into UEFI, finds nothing to boot, and keeps running: enough to be started,
 * read and powered off). A given file is copied into a temporary folder first, because a start writes
 * the state-file names back into the .7b; its disks and adapters are used as they are.
 *
 * Off Windows the same script runs against the C stand-ins (test/smoke.test.ts runs it that way).
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeSevenB, newVmConfig, readSevenB } from '../app/config/index.js';
import { loadNativeHost, loaderReport } from '../main/native/index.js';
import { CapabilitiesService } from '../main/services/capabilities.js';
import { NetworkService } from '../main/services/network-service.js';
import { VmService } from '../main/services/vm/vm-service.js';

const say = (line: string) => console.log(`hako smoke: ${line}`);

async function vmFile(folder: string, given: string | undefined): Promise<string> {
  if (given) {
    const copy = path.join(folder, path.basename(given));
    await copyFile(given, copy);
    return copy;
  }
  const file = newVmConfig(`HakoSmoke-${process.pid}`);
  file.config.ProcessorCount = 1;
  file.config.MemorySize = 512;
  file.config.NetworkAdapters = [];
  file.config.ScsiDevices = [];
  const target = path.join(folder, 'HakoSmoke.7b');
  await writeFile(target, encodeSevenB(file));
  return target;
}

async function main(): Promise<void> {
  const native = loadNativeHost();
  const report = loaderReport();
  for (const library of report.libraries) say(`${library.name}.dll ${library.state} from ${library.path}`);
  if (report.safeSearch !== null) say(`DLL dependencies from System32 only: ${report.safeSearch ? 'yes' : `NO (${report.problem ?? 'unknown'})`}`);
  say(`host: build ${native.host.build}, elevated ${native.host.elevated ? 'yes' : 'no'}, ${native.standIn ? 'STAND-INS (not Windows)' : 'Windows DLLs'}`);
  if (native.status.installWarning) say(`warning: ${native.status.installWarning.message}`);

  const capabilities = await new CapabilitiesService(native.hcs, native.host).get();
  if (!capabilities.hcsReachable) throw new Error(`HCS does not answer: ${capabilities.hcsError?.message ?? 'unknown'} ${capabilities.hcsError?.advice ?? ''}`.trim());
  say(`HCS schema versions: ${capabilities.supportedSchemaVersions.map((v) => `${v.Major}.${v.Minor}`).join(', ')}`);

  const folder = await mkdtemp(path.join(tmpdir(), 'hako-smoke-'));
  const networks = new NetworkService(native.hcn);
  const vms = new VmService({
    hcs: native.hcs,
    network: {
      deleteEndpoint: async (id) => void (await networks.deleteEndpoint(id)),
      connectAdapter: async (owner, adapter, signal) => {
        const created = await networks.createEndpoint({ owner, adapter, ...(signal ? { signal } : {}) });
        return { endpointId: created.endpointId, macAddress: created.macAddress };
      },
    },
    host: native.host,
    registry: { rememberRunning: async () => undefined, forgetRunning: async () => undefined, fileForId: async () => null, runningVms: async () => [] },
    // The VM dies with Hako's handles, whatever happens to this script.
    settings: { keepRunning: false, shutdownTimeoutMs: 5000 },
    schemaVersion: async () => capabilities.maxSchemaVersion,
  });
  try {
    const file = await vmFile(folder, process.argv[2]);
    const read = readSevenB(await readFile(file));
    if (!read.file) throw new Error(`${file} is not a VM file NanaBox would open`);
    const id = read.file.config.Name;
    await vms.open(file);
    say(`starting "${id}" from ${file}`);
    const started = Date.now();
    await vms.start(file);
    say(`started in ${Date.now() - started} ms (state ${vms.get(file).state})`);

    const system = await native.hcs.openComputeSystem(id);
    try {
      const properties = await system.properties();
      say(`properties: ${JSON.stringify({ Id: properties.Id, SystemType: properties.SystemType, State: properties.State, Owner: properties.Owner, RuntimeId: properties.RuntimeId })}`);
      if (properties.State !== 'Running') throw new Error(`the VM is ${String(properties.State)}, not Running`);
      // The live figures as this build reports them (which fields it fills is what a run records), then
      // as Hako reads them for the Overview.
      const live = await system.properties({ PropertyTypes: ['Statistics', 'Memory'] });
      say(`Statistics: ${JSON.stringify(live.Statistics ?? null)}`);
      say(`Memory: ${JSON.stringify(live.Memory ?? null)}`);
      say(`vm.statistics: ${JSON.stringify(await vms.statistics(file))}`);
    } finally {
      await system.close();
    }

    await vms.powerOff(file);
    const state = vms.get(file).state;
    say(`powered off (state ${state})`);
    if (state !== 'Stopped') throw new Error(`the VM is ${state} after power off`);
    const stalled = native.status.calls.stalled();
    if (stalled.length > 0) throw new Error(`stalled native calls: ${stalled.map((c) => c.operation).join(', ')}`);
    say('ok');
  } finally {
    for (const vm of vms.list()) if (vm.actions.includes('powerOff')) await vms.powerOff(vm.path).catch(() => undefined);
    await vms.dispose();
    await rm(folder, { recursive: true, force: true });
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  say(`FAILED ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

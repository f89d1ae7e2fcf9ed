// `npm run test:real-dlls`: the binding tests against the real computecore.dll, computenetwork.dll and
// virtdisk.dll (test/windows/real-dlls.test.ts), where the machine has them. Anywhere else — not Windows,
// or a Windows without the Virtual Machine Platform / Hyper-V feature — it prints why it runs nothing and
// exits 0, so the Windows workflow can run it on any runner image.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

if (process.platform !== 'win32') {
  console.log('test:real-dlls: skipped: not Windows (the real DLLs exist only there; the stand-ins are tested by npm test).');
  process.exit(0);
}
// Only a probe for the message; the test itself asks GetSystemDirectoryW through Hako's loader.
const system32 = path.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32');
const missing = ['computecore.dll', 'computenetwork.dll', 'virtdisk.dll'].filter((dll) => !existsSync(path.join(system32, dll)));
if (missing.length > 0) {
  console.log(`test:real-dlls: skipped: ${missing.join(', ')} not in ${system32} (turn on the Virtual Machine Platform or Hyper-V feature to run these tests).`);
  process.exit(0);
}
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.real-dlls.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: true,
  env: { ...process.env, HAKO_REAL_DLLS: '1', HAKO_STAND_IN_DIR: '', HAKO_COMPUTECORE: '', HAKO_COMPUTENETWORK: '', HAKO_VIRTDISK: '' },
});
process.exit(run.status ?? 1);

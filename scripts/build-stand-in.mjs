// Builds the C stand-ins of computecore.dll, computenetwork.dll, virtdisk.dll and cfgmgr32.dll
// (stand-in/README.md). No dependencies.
//
//   node scripts/build-stand-in.mjs           Linux .so files into build/stand-in/ (+ 1809/)
//   node scripts/build-stand-in.mjs --win     Windows .dll files with mingw-w64 into build/stand-in/win/ (+ 1809/),
//                                             and stand-in/win32-layouts.c checked against the SDK headers
//   --force                                   rebuild even when the outputs are newer than the sources
//
// CC (default cc) and MINGW_CC (default x86_64-w64-mingw32-gcc-posix) choose the compilers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'stand-in');
const windows = process.argv.includes('--win');
const force = process.argv.includes('--force');

// The helpers every library shares (stand-in/common.h); each library links its own copy.
const commonSources = [
  'common_text.c',
  'common_json.c',
  'common_json_builder.c',
  'common_guid.c',
  'common_threads.c',
  'common_files.c',
  'common_controls.c',
];
const hcsSources = [
  'computecore.c',
  'computecore_state.c',
  'computecore_tasks.c',
  'computecore_systems.c',
  'computecore_task_bodies.c',
  'computecore_operations.c',
  'computecore_service.c',
  'computecore_control.c',
  'hcs_model.c',
  'hcs_modify.c',
  'hcs_options.c',
  'hcs_figures.c',
  'console.c',
  'console_posix.c',
  'console_win.c',
  'console_com.c',
  'pipe_identity.c',
  ...commonSources,
];
const libraries = [
  { name: 'computecore', sources: hcsSources, windowsLibs: ['-lws2_32'] },
  // Windows 10 1809 (17763) has no HcsCrashComputeSystem.
  { name: 'computecore', dir: '1809', sources: hcsSources, defines: ['-DSTAND_IN_NO_CRASH'], windowsLibs: ['-lws2_32'] },
  { name: 'computenetwork', sources: ['computenetwork.c', 'computenetwork_state.c', 'computenetwork_properties.c', 'computenetwork_control.c', ...commonSources] },
  { name: 'virtdisk', sources: ['virtdisk.c', 'virtdisk_disks.c', 'virtdisk_jobs.c', 'virtdisk_info.c', 'virtdisk_control.c', ...commonSources] },
  { name: 'cfgmgr32', sources: ['cfgmgr32.c', ...commonSources] },
];

const compiler = windows
  ? { command: process.env.MINGW_CC || 'x86_64-w64-mingw32-gcc-posix', hint: 'install mingw-w64 (Debian: apt-get install gcc-mingw-w64-x86-64-posix) or set MINGW_CC' }
  : { command: process.env.CC || 'cc', hint: 'install a C compiler (Debian: apt-get install gcc) or set CC' };

const common = ['-std=c11', '-O2', '-Wall', '-Wextra', '-Werror'];
const platformFlags = windows
  ? { before: ['-shared', '-static'], after: ['-lpthread', '-lole32'] }
  : // -z nodelete: koffi unloads its libraries at exit while the stand-in's threads still run.
    { before: ['-shared', '-fPIC', '-pthread', '-fvisibility=hidden', '-Wl,-z,nodelete'], after: ['-lm'] };

function outputOf(library) {
  const file = windows ? `${library.name}.dll` : `lib${library.name}.so`;
  return join(root, 'build/stand-in', windows ? 'win' : '', library.dir ?? '', file);
}

// Any header, source or this script changing makes every output stale.
const inputs = [
  ...readdirSync(sourceDir)
    .filter((file) => file.endsWith('.c') || file.endsWith('.h'))
    .map((file) => join(sourceDir, file)),
  fileURLToPath(import.meta.url),
];
const newestInput = Math.max(...inputs.map((file) => statSync(file).mtimeMs));

const probe = spawnSync(compiler.command, ['--version'], { encoding: 'utf8' });
if (probe.error) {
  console.error(`build-stand-in: the C compiler "${compiler.command}" was not found: ${compiler.hint}.`);
  process.exit(1);
}

let built = 0;
for (const library of libraries) {
  const output = outputOf(library);
  if (!force && existsSync(output) && statSync(output).mtimeMs > newestInput) continue;
  mkdirSync(dirname(output), { recursive: true });
  const args = [
    ...common,
    ...platformFlags.before,
    ...(library.defines ?? []),
    '-o',
    output,
    ...library.sources.map((file) => join(sourceDir, file)),
    ...platformFlags.after,
    ...(windows ? (library.windowsLibs ?? []) : []),
  ];
  const result = spawnSync(compiler.command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build-stand-in: building ${relative(root, output)} failed.`);
    process.exit(result.status || 1);
  }
  built++;
}
// Windows only: layouts of Win32 structures the bindings use, checked against the SDK headers (no output).
if (windows) {
  const check = spawnSync(compiler.command, [...common, '-fsyntax-only', join(sourceDir, 'win32-layouts.c')], { stdio: 'inherit' });
  if (check.status !== 0) {
    console.error('build-stand-in: stand-in/win32-layouts.c: a Win32 layout differs from the SDK headers.');
    process.exit(check.status || 1);
  }
}
console.log(built ? `build-stand-in: built ${built} librar${built === 1 ? 'y' : 'ies'}.` : 'build-stand-in: up to date.');

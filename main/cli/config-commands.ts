/** `hako config …`: check, print, format and the JSON Schema of `.7b` files. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { encodeSevenB, formatSevenB, MAX_SEVEN_B_BYTES, readSevenB, renderFinding, sevenBJsonSchema, tooLargeResult, type Finding, type VmConfig } from '../../app/config/index.js';
import { deviceFindings } from '../../app/config/device-rules.js';
import { readFileWithStamp, writeFileAtomic } from '../files/atomic.js';
import { FileTooLargeError, readRegularFile } from '../files/user-file.js';
import { hostFindings } from '../services/host-checks.js';
import { cliHostChecks, systemConfigCheckDeps, type ConfigCheckDeps } from './config-host-checks.js';
import { defaultDataDir } from './data-dir.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './output.js';

export const CONFIG_HELP = `Usage: hako config <command> [options]

Commands:
  check <file…> [--json] [--no-host] [--data-dir D]
                           Tell whether NanaBox would open each file; warnings and errors
                           go to stderr with their JSON path. Never changes a file.
                           --json prints {files:[{file, accepted, findings:[…]}]} on stdout.
                           Also warns, without refusing the file, about what depends on this
                           computer: more processors or memory than it has, files that do
                           not exist (yet), disks virtdisk cannot open, disks another VM of
                           the library uses (the library in D, default: Hako's user-data
                           folder, read only; the other files named count too).
                           --no-host skips these (a file meant for another computer).
                           When virtdisk cannot be loaded, one line on stderr says the disk
                           checks were skipped; the rest are still made.
  print <file>             Print the canonical text Hako would write (without the BOM).
  format <file> [--force]  Rewrite the file canonically (UTF-8 BOM, sorted keys, NanaBox's
                           layout), only if that changes it. A file that lacks only the BOM
                           gets one. Refuses when the rewrite would drop or replace something
                           the file holds, and lists it, unless --force is given.
  schema                   Print the JSON Schema of .7b files.

Exit codes: 0 success, 1 a file is refused or a check failed, 2 usage or I/O error.
`;

export async function runConfig(args: string[], io: CliIo, deps: ConfigCheckDeps = systemConfigCheckDeps): Promise<ExitCode> {
  const [command, ...rest] = args;
  switch (command) {
    case 'check':
      return check(rest, io, deps);
    case 'print':
      return print(rest, io);
    case 'format':
      return format(rest, io);
    case 'schema':
      expectFiles(parseArgs({ args: rest, allowPositionals: true, strict: true }).positionals, 0, 'schema');
      io.stdout(JSON.stringify(sevenBJsonSchema(), null, 2) + '\n');
      return EXIT.ok;
    case undefined:
    case '--help':
    case '-h':
      io.stdout(CONFIG_HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    default:
      throw new UsageError(`unknown command "config ${command}"`);
  }
}

function expectFiles(positionals: string[], files: number | 'many', command: string): void {
  const count = positionals.length;
  if (files === 'many' ? count === 0 : count !== files) {
    const wanted = files === 'many' ? 'at least one file' : files === 1 ? 'one file' : 'no arguments';
    throw new UsageError(`config ${command} expects ${wanted}, got ${count}`);
  }
}

function reportFindings(io: CliIo, file: string, findings: readonly Finding[]): void {
  for (const finding of findings) {
    const where = finding.path === '' ? '' : ` at ${finding.path}`;
    io.stderr(`${file}: ${finding.severity}${where}: ${renderFinding(finding)}\n`);
  }
}

async function check(args: string[], io: CliIo, deps: ConfigCheckDeps): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { json: { type: 'boolean', default: false }, 'no-host': { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  expectFiles(positionals, 'many', 'check');
  const results: { file: string; accepted: boolean; findings: Finding[]; config: VmConfig | null }[] = [];
  let ioFailed = false;
  for (const file of positionals) {
    try {
      const result = readSevenB((await readRegularFile(file, MAX_SEVEN_B_BYTES)).bytes);
      // The device rules warn (NanaBox accepts these files), so they change neither `accepted` nor the exit code.
      const findings = result.file === null ? result.findings : [...result.findings, ...deviceFindings(result.file.config)];
      results.push({ file, accepted: result.accepted, findings, config: result.file?.config ?? null });
    } catch (error) {
      if (!(error instanceof FileTooLargeError)) {
        io.stderr(`${file}: cannot read: ${(error as Error).message}\n`);
        ioFailed = true;
        continue;
      }
      results.push({ file, accepted: false, findings: tooLargeResult(error.size).findings, config: null });
    }
  }
  if (values['no-host'] !== true) await addHostFindings(results, values['data-dir'], deps, io);
  if (values.json) {
    const files = results.map(({ file, accepted, findings }) => ({
      file,
      accepted,
      findings: findings.map((f) => ({ severity: f.severity, code: f.code, path: f.path, message: renderFinding(f), params: f.params, lossy: f.lossy })),
    }));
    io.stdout(JSON.stringify({ files }, null, 2) + '\n');
  } else {
    for (const { file, accepted, findings } of results) {
      reportFindings(io, file, findings);
      io.stderr(`${file}: ${accepted ? 'accepted' : 'refused'}\n`);
    }
  }
  if (ioFailed) return EXIT.usage;
  return results.every((r) => r.accepted) ? EXIT.ok : EXIT.failed;
}

/** The warnings that depend on this computer and the library (host-checks.ts): warnings only, so `accepted` stays. */
async function addHostFindings(results: { file: string; findings: Finding[]; config: VmConfig | null }[], dataDir: string | undefined, deps: ConfigCheckDeps, io: CliIo): Promise<void> {
  const checked = results.flatMap((r) => (r.config === null ? [] : [{ path: path.resolve(r.file), config: r.config }]));
  if (checked.length === 0) return;
  const hostDeps = await cliHostChecks(checked, path.resolve(dataDir ?? defaultDataDir()), deps, (line) => io.stderr(`${line}\n`));
  for (const result of results) {
    if (result.config !== null) result.findings.push(...(await hostFindings(path.resolve(result.file), result.config, hostDeps)));
  }
}

async function print(args: string[], io: CliIo): Promise<ExitCode> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
  expectFiles(positionals, 1, 'print');
  const file = positionals[0]!;
  const result = readSevenB(await readInput(file));
  reportFindings(io, file, result.findings);
  if (result.file === null) return EXIT.failed;
  io.stdout(formatSevenB(result.file));
  return EXIT.ok;
}

async function format(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { force: { type: 'boolean', default: false } } });
  expectFiles(positionals, 1, 'format');
  const file = positionals[0]!;
  const { bytes, stamp } = await readInputWithStamp(file);
  const result = readSevenB(bytes, { allowMissingBom: true });
  if (result.file === null) {
    reportFindings(io, file, result.findings);
    return EXIT.failed;
  }
  const canonical = encodeSevenB(result.file);
  if (Buffer.from(canonical).equals(bytes)) {
    io.stderr(`${file}: already canonical, not rewritten\n`);
    return EXIT.ok;
  }
  const lossy = result.findings.filter((f) => f.lossy);
  if (lossy.length > 0 && !values.force) {
    io.stderr(`${file}: not rewritten, because the canonical text would drop or replace what the file holds:\n`);
    reportFindings(io, file, lossy);
    io.stderr(`${file}: run again with --force to rewrite it anyway\n`);
    return EXIT.failed;
  }
  await writeFileAtomic(file, canonical, { expected: stamp });
  io.stderr(`${file}: rewritten${lossy.length > 0 ? ` (${lossy.length} change${lossy.length === 1 ? '' : 's'} of content, forced)` : ''}\n`);
  return EXIT.ok;
}

/** I/O failures become usage-class errors (exit 2) with the file named. */
export class InputError extends Error {
  override name = 'InputError';
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return (await readRegularFile(file, MAX_SEVEN_B_BYTES)).bytes;
  } catch (error) {
    throw new InputError(`${file}: cannot read: ${(error as Error).message}`);
  }
}

async function readInputWithStamp(file: string) {
  try {
    return await readFileWithStamp(file);
  } catch (error) {
    throw new InputError(`${file}: cannot read: ${(error as Error).message}`);
  }
}

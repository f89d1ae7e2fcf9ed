// Entry point of the bundled CLI (out/cli/hako.js).
import { runCli } from './hako.js';

process.exitCode = await runCli(process.argv.slice(2));

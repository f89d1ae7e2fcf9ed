#!/usr/bin/env node
// The `hako` command: runs the CLI that `npm run build` bundles into out/cli/.
import { existsSync } from 'node:fs';

const bundle = new URL('../out/cli/hako.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('hako: the CLI is not built yet; run "npm run build" first\n');
  process.exit(2);
}
await import(bundle.href);

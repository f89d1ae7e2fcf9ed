/**
 * Parse + validate + serialise of a realistic `.7b` file, against the bare `JSON.parse` +
 * `JSON.stringify` round trip of the same bytes, measured in the same run.
 * Run from the repository root (npm run bench -- config).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encodeSevenB, readSevenB } from '../app/config/index.js';

const fixture = readFileSync(path.resolve('test/fixtures/nanabox/DocumentedExample.7b'), 'utf8').replace(/^\uFEFF/, '');
const example = JSON.parse(fixture);
// A fuller VM than the documented example: every section in use, as a VM used for a while looks.
Object.assign(example.NanaBox, {
  Keyboard: { RedirectKeyCombinations: false, FullScreenHotkey: 122 },
  EnhancedSession: { RedirectAudio: false, RedirectDrives: true, Drives: ['C', 'D'], Devices: ['USB\\VID_046D&PID_C52B\\5&2A3A3E0&0&1'] },
  ChipsetInformation: { Manufacturer: 'Contoso', ProductName: 'Lab VM', SerialNumber: '1234-5678', UUID: '6b3b6a2e-2c9c-4e48-9d8e-6f0b7c5d1a2e' },
  VideoMonitor: { HorizontalResolution: 1920, VerticalResolution: 1080 },
  Policies: ['LegacyApicSelectionLogic'],
  Plan9Shares: [{ Path: 'Shared', Name: 'shared', Port: 50002, ReadOnly: true }],
  VirtualSmbShares: [{ Path: '..\\ISO', Name: 'iso', ReadOnly: true }],
  Comment: 'Lab VM for the network team',
});
example.NanaBox.NetworkAdapters.push({ Connected: true, SuggestedSwitchId: 'c08cb7b8-9b3c-408e-8e30-5e16a3aeb444', SuggestedSwitchSubnet: '192.168.50.0/24' });
const bytes = new TextEncoder().encode('\uFEFF' + JSON.stringify(example, null, 4));

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function hako(): number {
  const result = readSevenB(bytes);
  if (!result.file) throw new Error('fixture refused');
  return encodeSevenB(result.file).length;
}

function bare(): number {
  return encoder.encode(JSON.stringify(JSON.parse(decoder.decode(bytes.subarray(3))), null, 2)).length;
}

/** Median seconds per call over several rounds, after a warm-up. */
function measure(fn: () => number, roundMs = 300, rounds = 7): number {
  let sink = 0;
  for (const end = performance.now() + 300; performance.now() < end; ) sink += fn();
  const perCall: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let calls = 0;
    const start = performance.now();
    let now = start;
    while (now - start < roundMs) {
      for (let i = 0; i < 50; i++) sink += fn();
      calls += 50;
      now = performance.now();
    }
    perCall.push((now - start) / 1000 / calls);
  }
  if (sink === 0) throw new Error('nothing measured');
  return perCall.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

const hakoSeconds = measure(hako);
const bareSeconds = measure(bare);
console.log(`file: ${bytes.length} bytes; Hako ${(hakoSeconds * 1e6).toFixed(1)} us per file, JSON.parse+stringify ${(bareSeconds * 1e6).toFixed(1)} us`);
console.log(`bench: config_files_per_s = ${Math.round(1 / hakoSeconds)} files/s`);
console.log(`bench: config_vs_json_ratio = ${(hakoSeconds / bareSeconds).toFixed(2)} x`);

import { it } from 'vitest';
import { readSevenB } from './read.js';
import { formatSevenB } from './write.js';
const enc = (s: string) => new Uint8Array([0xef,0xbb,0xbf, ...new TextEncoder().encode(s)]);
const base = (extra: string) => `{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1${extra}}}`;
function time(label: string, s: string) {
  const t = performance.now();
  const r = readSevenB(enc(s));
  const t2 = performance.now();
  const out = r.file ? formatSevenB(r.file) : '';
  console.log(label, r.accepted, r.findings.length, (t2 - t).toFixed(0), 'ms read', (performance.now() - t2).toFixed(0), 'ms fmt', out.length);
}
it('probe', () => {
  for (const n of [5000, 20000, 50000]) {
    const devs = Array.from({ length: n }, (_, i) => JSON.stringify('dev' + (n - i))).join(',');
    time('gpu ' + n, base(`,"Gpu":{"AssignmentMode":"List","SelectedDevices":[${devs}]}`));
    time('gpu-same ' + n, base(`,"Gpu":{"AssignmentMode":"List","SelectedDevices":[${Array(n).fill('"a"').join(',')}]}`));
    time('scsi ' + n, base(`,"ScsiDevices":[${Array(n).fill('{"Type":"VirtualDisk","Path":"a.vhdx"}').join(',')}]`));
    time('dupkeys ' + n, base(`,"X":{${Array.from({length:n},()=>'"k":1').join(',')}}`));
    time('unknown ' + n, base(`,${Array.from({length:n},(_, i)=>`"k${i}":1`).join(',')}`));
    time('drives ' + n, base(`,"EnhancedSession":{"Drives":[${Array(n).fill('"c:"').join(',')}]}`));
  }
  time('hugestr', base(`,"Name":"${'x'.repeat(20_000_000)}"`));
  time('hugestr-esc', base(`,"Name":"${'\\n'.repeat(5_000_000)}"`));
});

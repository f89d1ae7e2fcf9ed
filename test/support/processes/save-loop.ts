// Saves one file over and over with writeFileAtomic, alternating two contents (all `a`, all `b`), until killed: the
// process the kill -9 harness (main/files/kill-save.test.ts) shoots at random moments.
import { writeFileAtomic } from '../../../main/files/atomic.js';

const [target, size] = process.argv.slice(2) as [string, string];
const contents = [Buffer.alloc(Number(size), 'a'), Buffer.alloc(Number(size), 'b')];
process.stdout.write('ready\n');
for (let i = 0; ; i++) await writeFileAtomic(target, contents[i % 2]!);

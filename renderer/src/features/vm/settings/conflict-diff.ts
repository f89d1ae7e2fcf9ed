/**
 * What differs between the user's draft and the file someone else saved: one row per setting (by
 * JSON Pointer, leaves only), each side's value as short JSON, in the order the file lists them.
 */
import type { SevenBFile } from '../../../../../app/config/model.js';

export interface DiffRow {
  readonly pointer: string;
  /** Undefined where the side has no such value. */
  readonly yours: string | undefined;
  readonly onDisk: string | undefined;
}

function leaves(value: unknown, pointer: string, out: Map<string, string>): Map<string, string> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(pointer, '[]');
    value.forEach((item, i) => leaves(item, `${pointer}/${i}`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      // Keys NanaBox does not read are kept by both sides as they are; they are not settings.
      if (key === 'unknownKeys') continue;
      leaves(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
    }
  } else {
    out.set(pointer, JSON.stringify(value));
  }
  return out;
}

export function conflictDiff(yours: SevenBFile, onDisk: SevenBFile): DiffRow[] {
  const a = leaves(yours.config, '/NanaBox', new Map());
  const b = leaves(onDisk.config, '/NanaBox', new Map());
  const pointers = [...new Set([...b.keys(), ...a.keys()])];
  return pointers.filter((p) => a.get(p) !== b.get(p)).map((pointer) => ({ pointer, yours: a.get(pointer), onDisk: b.get(pointer) }));
}

/** The keys NanaBox does not read, wherever they sit in the model, with their JSON Pointers (read-only in the UI). */
import { childPointer } from '../../../app/config/json-pointer.js';
import type { UnknownKey } from '../../../app/config/model.js';

export interface FoundUnknownKey {
  readonly pointer: string;
  readonly json: string;
}

export function collectUnknownKeys(value: unknown, pointer: string, out: FoundUnknownKey[] = []): FoundUnknownKey[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectUnknownKeys(item, childPointer(pointer, i), out));
  } else if (value !== null && typeof value === 'object') {
    // An object's own unknown keys first, then those of its children.
    const own = (value as { unknownKeys?: UnknownKey[] }).unknownKeys ?? [];
    for (const unknown of own) out.push({ pointer: childPointer(pointer, unknown.key), json: unknown.json });
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'unknownKeys') collectUnknownKeys(child, childPointer(pointer, key), out);
    }
  }
  return out;
}

/** A whole file's: the root object's own (beside `NanaBox`) first, then those in the VM's `config` at `configPointer`. */
export function fileUnknownKeys(rootUnknown: readonly UnknownKey[], config: unknown, configPointer: string): FoundUnknownKey[] {
  const root = rootUnknown.map((unknown) => ({ pointer: childPointer('', unknown.key), json: unknown.json }));
  return collectUnknownKeys(config, configPointer, root);
}

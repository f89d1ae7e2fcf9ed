/** The keys NanaBox does not read, wherever they sit in the model, with their JSON Pointers (read-only in the UI). */
import type { UnknownKey } from '../../../app/config/model.js';

export interface FoundUnknownKey {
  readonly pointer: string;
  readonly json: string;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function collectUnknownKeys(value: unknown, pointer: string, out: FoundUnknownKey[] = []): FoundUnknownKey[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectUnknownKeys(item, `${pointer}/${i}`, out));
  } else if (value !== null && typeof value === 'object') {
    // An object's own unknown keys first, then those of its children.
    const own = (value as { unknownKeys?: UnknownKey[] }).unknownKeys ?? [];
    for (const unknown of own) out.push({ pointer: `${pointer}/${escapePointer(unknown.key)}`, json: unknown.json });
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'unknownKeys') collectUnknownKeys(child, `${pointer}/${escapePointer(key)}`, out);
    }
  }
  return out;
}

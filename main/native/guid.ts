/**
 * GUIDs as C structs (`{uint32 Data1; uint16 Data2; uint16 Data3; uint8 Data4[8]}`, little-endian
 * fields: the string's first three groups are byte-swapped relative to memory) and as strings
 * (lower-case, no braces, the form Hako uses everywhere).
 */
import koffi from 'koffi';
import { parseGuid } from '../../app/network/documents.js';

export const GUID = koffi.struct({ Data1: 'uint32_t', Data2: 'uint16_t', Data3: 'uint16_t', Data4: koffi.array('uint8_t', 8) });

export interface GuidStruct {
  Data1: number;
  Data2: number;
  Data3: number;
  Data4: ArrayLike<number>;
}

const GUID_TEXT = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i;

/** `{ABC…}`, `(ABC…)` or `abc…` → `abc…` (lower-case, no braces), as NanaBox parses; null otherwise. */
export function normaliseGuid(text: string): string | null {
  return parseGuid(text);
}

/** The struct koffi marshals for a `const GUID *`; null when `text` is not a GUID. */
export function guidToStruct(text: string): GuidStruct | null {
  const normalised = normaliseGuid(text);
  if (normalised === null) return null;
  const [, d1, d2, d3, d4a, d4b] = GUID_TEXT.exec(normalised)!;
  const tail = `${d4a}${d4b}`;
  const data4: number[] = [];
  for (let i = 0; i < 16; i += 2) data4.push(parseInt(tail.slice(i, i + 2), 16));
  return { Data1: parseInt(d1!, 16), Data2: parseInt(d2!, 16), Data3: parseInt(d3!, 16), Data4: data4 };
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0');
}

/** A decoded GUID struct → `abc…` (lower-case, no braces). */
export function guidFromStruct(guid: GuidStruct): string {
  const d4 = Array.from(guid.Data4, (b) => hex(b, 2)).join('');
  return `${hex(guid.Data1 >>> 0, 8)}-${hex(guid.Data2, 4)}-${hex(guid.Data3, 4)}-${d4.slice(0, 4)}-${d4.slice(4)}`;
}

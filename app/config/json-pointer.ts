/** JSON Pointers (RFC 6901), the way every finding and error names a place in a `.7b` file. */

/** RFC 6901 JSON Pointer for a path of keys and indices. */
export function pointer(trail: readonly (string | number)[]): string {
  let out = '';
  for (const part of trail) out += '/' + escapePointerPart(part);
  return out;
}

function escapePointerPart(part: string | number): string {
  if (typeof part === 'number') return String(part);
  return part.includes('~') || part.includes('/') ? part.replace(/~/g, '~0').replace(/\//g, '~1') : part;
}

/** Appends one key or index to a JSON Pointer. */
export function childPointer(parent: string, part: string | number): string {
  return parent + '/' + escapePointerPart(part);
}

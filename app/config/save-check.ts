/**
 * What main checks before it writes a `.7b` the renderer sent (the renderer is untrusted): every value
 * kept for a key NanaBox does not read must be exactly one strict JSON value (no duplicate keys, within
 * the depth and size bounds), and the bytes about to be written must read back as the very model the
 * user saw — so no kept value can smuggle in a second `"NanaBox"` object or make the file invalid.
 */
import { HakoError } from '../errors/error-info.js';
import { childPointer } from './json-pointer.js';
import { canonicalJson } from './json-dump.js';
import { JsonSyntaxError, parseJson } from './json.js';
import { type SevenBFile, type UnknownKey } from './model.js';
import { MAX_SEVEN_B_BYTES, readSevenB } from './read.js';
import { encodeSevenB } from './write.js';

function refused(message: string, path: string): HakoError {
  return new HakoError('SaveRefused', message, {}, path);
}

interface KeptKeys {
  readonly pointer: string;
  /** The keys the object has a field for. */
  readonly known: readonly string[];
  readonly kept: UnknownKey[];
}

/** Every object in the model that keeps unknown keys, with its JSON Pointer and its own keys. */
function* keptKeyLists(value: unknown, pointer: string): Generator<KeptKeys> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* keptKeyLists(item, childPointer(pointer, index));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const object = value as Record<string, unknown>;
  if (Array.isArray(object.unknownKeys)) yield { pointer, known: Object.keys(object).filter((k) => k !== 'unknownKeys'), kept: object.unknownKeys as UnknownKey[] };
  for (const [key, child] of Object.entries(object)) if (key !== 'unknownKeys') yield* keptKeyLists(child, childPointer(pointer, key));
}

/** The kept value in canonical form, after checking that it is one strict JSON value under a key of its own. */
function canonicalKeptValue(entry: UnknownKey, pointer: string, taken: Set<string>): UnknownKey {
  const at = childPointer(pointer, entry.key);
  if (taken.has(entry.key)) throw refused(`The key ${at} is there twice; a file must name each key once.`, at);
  taken.add(entry.key);
  if (entry.json.length > MAX_SEVEN_B_BYTES) throw refused(`The value kept at ${at} is larger than a .7b file may be.`, at);
  let parsed;
  try {
    parsed = parseJson(entry.json);
  } catch (error) {
    const why = error instanceof JsonSyntaxError ? error.message : String(error);
    throw refused(`The value kept at ${at} is not one JSON value (${why}); it would make the file unreadable.`, at);
  }
  if (parsed.duplicates.length > 0) throw refused(`The value kept at ${at} repeats a key (${parsed.duplicates[0]!.path}).`, at);
  return { key: entry.key, json: canonicalJson(parsed.value) };
}

/**
 * The bytes to write for `file`, once they are known to be safe; throws SaveRefused (with the JSON
 * Pointer of the problem) otherwise.
 */
export function checkedSevenBBytes(shown: SevenBFile): Uint8Array {
  // Checked and made canonical on a copy: the caller's model stays as it was.
  const file = structuredClone(shown);
  const rootTaken = new Set(['NanaBox']);
  file.rootUnknownKeys = file.rootUnknownKeys.map((entry) => canonicalKeptValue(entry, '', rootTaken));
  for (const list of keptKeyLists(file.config, '/NanaBox')) {
    const taken = new Set(list.known);
    list.kept.splice(0, list.kept.length, ...list.kept.map((entry) => canonicalKeptValue(entry, list.pointer, taken)));
  }
  const bytes = encodeSevenB(file);
  if (bytes.length > MAX_SEVEN_B_BYTES) throw refused('The file would be larger than Hako reads .7b files.', '');
  // Read back, the bytes must be one file NanaBox opens, with exactly the kept keys the user saw. (Known
  // values may still read as NanaBox normalises them; the editor shows those findings at their fields.)
  const readBack = readSevenB(bytes);
  const duplicate = readBack.findings.find((f) => f.code === 'json.duplicate-key');
  if (duplicate !== undefined) throw refused(`A kept value repeats the key at ${duplicate.path}, which would change what NanaBox reads.`, duplicate.path);
  if (readBack.file === null) throw refused('What would be written is not a file NanaBox opens, so it is not saved.', readBack.findings[0]?.path ?? '');
  if (keptValues(readBack.file) !== keptValues(file)) throw refused('What would be written does not read back with the kept keys shown, so it is not saved.', '');
  return bytes;
}

/** Every kept key with its canonical value, as one comparable text. */
function keptValues(file: SevenBFile): string {
  const entries = file.rootUnknownKeys.map((k) => `${childPointer('', k.key)}=${k.json}`);
  for (const list of keptKeyLists(file.config, '/NanaBox')) for (const k of list.kept) entries.push(`${childPointer(list.pointer, k.key)}=${k.json}`);
  return entries.sort().join('\n');
}

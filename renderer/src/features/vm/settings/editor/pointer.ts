/**
 * Fields are named by the JSON Pointer of their value in the file (`/NanaBox/ScsiDevices/0/Path`), the
 * same name findings, field checks and help texts use. These read and write the draft's config (the
 * object at `/NanaBox`) at such a pointer.
 */
import type { VmConfig } from '../../../../../../app/config/model.js';

export const CONFIG_POINTER = '/NanaBox';

/** The property names from the config down to the pointer's value (RFC 6901 escapes undone). */
export function configPath(pointer: string): string[] {
  if (pointer !== CONFIG_POINTER && !pointer.startsWith(`${CONFIG_POINTER}/`)) throw new Error(`not a pointer into the VM's config: ${pointer}`);
  return pointer
    .slice(CONFIG_POINTER.length + 1)
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(config: VmConfig, path: readonly string[], pointer: string): Record<string, unknown> {
  let node: unknown = config;
  for (const part of path.slice(0, -1)) {
    node = (node as Record<string, unknown> | undefined)?.[part];
    if (node === null || typeof node !== 'object') throw new Error(`no value at ${pointer}`);
  }
  return node as Record<string, unknown>;
}

/** The value at a pointer. A pointer the model has no value for is a bug in the form: it throws. */
export function readAt(config: VmConfig, pointer: string): unknown {
  const path = configPath(pointer);
  if (path.length === 0) return config;
  const parent = parentOf(config, path, pointer);
  const key = path.at(-1)!;
  if (!(key in parent)) throw new Error(`no value at ${pointer}`);
  return parent[key];
}

/** Sets the value at a pointer, in a draft being changed (an immer recipe). */
export function writeAt(config: VmConfig, pointer: string, value: unknown): void {
  const path = configPath(pointer);
  const parent = parentOf(config, path, pointer);
  const key = path.at(-1)!;
  if (!(key in parent)) throw new Error(`no value at ${pointer}`);
  parent[key] = value;
}

/** The list at a pointer, to add to, move in or remove from, in a draft being changed. */
export function listAt<T = unknown>(config: VmConfig, pointer: string): T[] {
  const list = readAt(config, pointer);
  if (!Array.isArray(list)) throw new Error(`not a list at ${pointer}`);
  return list as T[];
}

/**
 * What the form can check on its own, before main validates: the patterns and minimums the spec
 * declares (app/config/spec.ts), so a malformed MAC address is marked as the user types it.
 */
import type { VmConfig } from '../../../../../../app/config/model.js';
import { VM_CONFIG_SPEC, type Field, type ObjectSpec } from '../../../../../../app/config/spec.js';

import type { MessageKey } from '../../../../../../app/i18n/catalogue.js';

/** A problem the form sees, as a catalogue message (`form.*`) and its values, so it shows in any language. */
export interface FieldProblem {
  /** JSON Pointer into the file, like a finding's path. */
  readonly path: string;
  readonly code: MessageKey & `form.${string}`;
  readonly params: Readonly<Record<string, string | number>>;
}

/** The example the message gives for a patterned field, by its key. */
const PATTERN_MESSAGES: Readonly<Record<string, FieldProblem['code']>> = {
  MacAddress: 'form.pattern.MacAddress',
  EndpointId: 'form.pattern.guid',
  SuggestedSwitchId: 'form.pattern.guid',
  UUID: 'form.pattern.guid',
  SuggestedSwitchSubnet: 'form.pattern.SuggestedSwitchSubnet',
};

function checkField(key: string, field: Field, value: unknown, path: string, out: FieldProblem[]): void {
  switch (field.kind) {
    case 'string':
      if (field.pattern && typeof value === 'string' && value !== '' && !new RegExp(field.pattern).test(value)) {
        out.push({ path, code: PATTERN_MESSAGES[key] ?? 'form.pattern.other', params: { pattern: field.pattern } });
      }
      return;
    case 'uint': {
      if (value === null && field.default === null) return;
      const max = 2 ** field.bits - 1;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
        out.push({ path, code: 'form.uint.range', params: { min: field.minimum ?? 0, max } });
      } else if (field.minimum !== undefined && value < field.minimum) {
        out.push({ path, code: 'form.uint.min', params: { min: field.minimum } });
      }
      return;
    }
    case 'int32':
      if (typeof value !== 'number' || !Number.isInteger(value)) out.push({ path, code: 'form.int', params: {} });
      return;
    case 'object':
      if (value && typeof value === 'object') checkObject(field.spec, value as Record<string, unknown>, path, out);
      return;
    case 'object-list':
      if (Array.isArray(value)) value.forEach((item, i) => item && typeof item === 'object' && checkObject(field.spec, item as Record<string, unknown>, `${path}/${i}`, out));
      return;
    case 'string-list':
      if (field.itemPattern && Array.isArray(value)) {
        const pattern = new RegExp(field.itemPattern);
        value.forEach((item, i) => {
          if (typeof item === 'string' && !pattern.test(item)) out.push({ path: `${path}/${i}`, code: 'form.listItem', params: { item } });
        });
      }
      return;
    case 'gpu-devices':
      if (Array.isArray(value)) {
        value.forEach((item: { DeviceInterface?: unknown; PartitionId?: unknown }, i) => {
          if (typeof item.DeviceInterface !== 'string' || item.DeviceInterface === '') out.push({ path: `${path}/${i}/DeviceInterface`, code: 'form.gpu.device', params: {} });
          if (typeof item.PartitionId !== 'number' || !Number.isInteger(item.PartitionId) || item.PartitionId < 0 || item.PartitionId > 0xffff) {
            out.push({ path: `${path}/${i}/PartitionId`, code: 'form.gpu.partition', params: {} });
          }
        });
      }
      return;
    case 'bool':
    case 'enum':
      return;
  }
}

function checkObject(spec: ObjectSpec, value: Record<string, unknown>, path: string, out: FieldProblem[]): void {
  for (const [key, field] of Object.entries(spec.fields)) checkField(key, field, value[key], `${path}/${key}`, out);
}

export function fieldProblems(config: VmConfig): FieldProblem[] {
  const out: FieldProblem[] = [];
  checkObject(VM_CONFIG_SPEC, config as unknown as Record<string, unknown>, '/NanaBox', out);
  if (config.Name.trim() === '') out.push({ path: '/NanaBox/Name', code: 'form.name.empty', params: {} });
  return out;
}

/**
 * The field at a pointer like `/NanaBox/Gpu/AssignmentMode`, as its spec path (`Gpu.AssignmentMode`,
 * list indexes left out), and its English `doc`: the catalogue's `doc.<path>` translates it.
 */
export function fieldDocPath(pointer: string): string | undefined {
  const parts = pointer.split('/').slice(2).filter((part) => !/^\d+$/.test(part));
  return fieldDoc(pointer) === undefined ? undefined : parts.join('.');
}

/** The `doc` of the field at a pointer like `/NanaBox/Gpu/AssignmentMode`, for help texts. */
export function fieldDoc(pointer: string): string | undefined {
  const parts = pointer.split('/').slice(2);
  let spec: ObjectSpec | undefined = VM_CONFIG_SPEC;
  let field: Field | undefined;
  for (const part of parts) {
    if (spec === undefined) {
      // Inside a list: numeric index, keep the list's item spec.
      if (/^\d+$/.test(part)) continue;
      return undefined;
    }
    field = spec.fields[part];
    if (field === undefined) {
      if (/^\d+$/.test(part)) continue;
      return undefined;
    }
    spec = field.kind === 'object' || field.kind === 'object-list' ? field.spec : undefined;
  }
  return field?.doc;
}

/**
 * The JSON Schema of `.7b` files, derived from the same spec as the reader and writer. It is stricter
 * than NanaBox (a string where a boolean belongs is flagged, though NanaBox only ignores it) and, like
 * Hako, it allows keys it does not know.
 */
import { POLICY_FEATURE_BITS } from './model.js';
import { VM_CONFIG_SPEC, type Field, type ObjectSpec } from './spec.js';

type Schema = Record<string, unknown>;

export const SCHEMA_ID = 'https://hako.invalid/schemas/nanabox-7b.schema.json';

export function sevenBJsonSchema(): Schema {
  const nanaBox = objectSchema(VM_CONFIG_SPEC, ['Type', 'Version', 'ProcessorCount', 'MemorySize']);
  const properties = nanaBox.properties as Record<string, Schema>;
  properties.Type = { const: 'VirtualMachine', description: 'Always "VirtualMachine".' };
  properties.Version = { const: 1, description: 'The format version; only 1 exists.' };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'NanaBox virtual machine configuration (.7b)',
    description: 'Read and written by NanaBox and Hako. Files must be UTF-8 with a BOM.',
    type: 'object',
    required: ['NanaBox'],
    properties: { NanaBox: nanaBox },
  };
}

function objectSchema(spec: ObjectSpec, required: string[] = []): Schema {
  const properties: Record<string, Schema> = {};
  for (const [key, field] of Object.entries(spec.fields)) properties[key] = fieldSchema(field);
  return {
    type: 'object',
    ...(spec.doc !== undefined ? { description: spec.doc } : {}),
    ...(required.length > 0 ? { required } : {}),
    properties,
  };
}

function fieldSchema(field: Field): Schema {
  const doc = field.doc !== undefined ? { description: field.doc } : {};
  switch (field.kind) {
    case 'bool':
      return { type: 'boolean', default: field.default, ...doc };
    case 'uint':
      return {
        type: 'integer',
        minimum: field.minimum ?? 0,
        maximum: 2 ** field.bits - 1,
        ...(field.default !== null && field.default !== 0 ? { default: field.default } : {}),
        ...doc,
      };
    case 'int32':
      return { type: 'integer', minimum: -(2 ** 31), maximum: 2 ** 31 - 1, default: field.default, ...doc };
    case 'string':
      return { type: 'string', ...(field.pattern !== undefined ? { pattern: field.pattern } : {}), ...doc };
    case 'enum':
      return { enum: [...field.values], ...(field.default !== '' ? { default: field.default } : {}), ...doc };
    case 'object':
      return { ...objectSchema(field.spec), ...doc };
    case 'string-list': {
      const item: Schema = { type: 'string', minLength: 1 };
      if (field.itemPattern !== undefined) item.pattern = field.itemPattern;
      if (field.rule === 'policy') item.examples = Object.keys(POLICY_FEATURE_BITS);
      return { type: 'array', items: item, ...doc };
    }
    case 'object-list':
      return { type: 'array', items: objectListItemSchema(field.spec, field.drop), ...doc };
    case 'gpu-devices':
      return {
        type: 'array',
        items: {
          oneOf: [
            { type: 'string', minLength: 1, description: 'Device interface path, assigned whole (GPU-PV).' },
            {
              type: 'object',
              required: ['DeviceInterface'],
              properties: {
                DeviceInterface: { type: 'string', minLength: 1 },
                PartitionId: { type: 'integer', minimum: 0, maximum: 65535, default: 0 },
              },
              description: 'A GPU partition (GPU-P).',
            },
          ],
        },
        ...doc,
      };
  }
}

/** List items carry NanaBox's drop rules as requirements, so the editor flags what NanaBox would drop. */
function objectListItemSchema(spec: ObjectSpec, drop: 'scsi' | 'share' | undefined): Schema {
  const nonEmpty = (key: string): Schema => ({ required: [key], properties: { [key]: { minLength: 1 } } });
  if (drop === 'share') {
    return { ...objectSchema(spec, ['Path', 'Name', ...('Port' in spec.fields ? ['Port'] : [])]), allOf: [nonEmpty('Path'), nonEmpty('Name')] };
  }
  if (drop === 'scsi') {
    return {
      ...objectSchema(spec, ['Type']),
      if: { properties: { Type: { const: 'VirtualImage' } } },
      else: nonEmpty('Path'),
    };
  }
  return objectSchema(spec, 'Connected' in spec.fields ? ['Connected'] : []);
}

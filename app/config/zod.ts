/**
 * Runtime schemas of the `.7b` model, derived from the same spec as the reader, writer and JSON
 * Schema. Main uses them to check what the (untrusted) renderer sends before it touches a file.
 */
import { z } from 'zod';
import { type SevenBFile, type VmConfig } from './model.js';
import { VM_CONFIG_SPEC, type Field, type ObjectSpec } from './spec.js';

const unknownKey = z.object({ key: z.string(), json: z.string() }).strict();
const unknownKeys = z.array(unknownKey).optional();

function objectSchema(spec: ObjectSpec): z.ZodType {
  const shape: Record<string, z.ZodType> = { unknownKeys };
  for (const [key, field] of Object.entries(spec.fields)) shape[key] = fieldSchema(field);
  return z.object(shape).strict();
}

function fieldSchema(field: Field): z.ZodType {
  switch (field.kind) {
    case 'bool':
      return z.boolean();
    case 'uint': {
      const value = z.number().int().min(0).max(2 ** field.bits - 1);
      return field.default === null ? value.nullable() : value;
    }
    case 'int32':
      return z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1);
    case 'string':
      return z.string();
    case 'enum':
      // The SCSI Type's "default" is the empty string, which the model never holds.
      return z.enum(field.values as [string, ...string[]]);
    case 'object':
      return objectSchema(field.spec);
    case 'string-list':
      return z.array(z.string());
    case 'object-list':
      return z.array(objectSchema(field.spec));
    case 'gpu-devices':
      return z.array(z.object({ DeviceInterface: z.string().min(1), PartitionId: z.number().int().min(0).max(0xffff), unknownKeys }).strict());
  }
}

export const vmConfigSchema = objectSchema(VM_CONFIG_SPEC) as unknown as z.ZodType<VmConfig>;

export const sevenBFileSchema = z.object({ config: vmConfigSchema, rootUnknownKeys: z.array(unknownKey) }).strict() as unknown as z.ZodType<SevenBFile>;

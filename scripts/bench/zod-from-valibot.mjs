// Builds a zod v4 schema of the same shape as a valibot schema of the library, for the benchmark's
// "JSON.parse + zod" baseline. Deriving it keeps the baseline in step with the wire schemas; it is a
// benchmark aid only and never ships.
import { z } from 'zod';

function withPipe(schema, base) {
  let out = base;
  for (const action of schema.pipe ?? []) {
    if (action === schema || action.kind !== 'validation') continue;
    switch (action.type) {
      case 'starts_with':
        out = out.startsWith(action.requirement);
        break;
      case 'non_empty':
        out = out.min(1);
        break;
      case 'not_value': {
        const forbidden = action.requirement;
        out = out.refine((value) => value !== forbidden);
        break;
      }
      case 'integer':
        out = out.int();
        break;
      case 'min_value':
        out = out.min(action.requirement);
        break;
      case 'digits':
        out = out.regex(/^\d+$/);
        break;
      case 'regex':
        out = out.regex(action.requirement);
        break;
      default:
        throw new Error(`zod-from-valibot: no zod counterpart for the ${action.type} action`);
    }
  }
  return out;
}

/** Returns a zod schema that accepts what the valibot `schema` accepts, unknown keys kept. */
export function zodFromValibot(schema) {
  switch (schema.type) {
    case 'string':
      return withPipe(schema, z.string());
    case 'number':
      return withPipe(schema, z.number());
    case 'boolean':
      return z.boolean();
    case 'literal':
      return z.literal(schema.literal);
    case 'picklist':
      return z.enum(schema.options);
    case 'unknown':
    case 'any':
      return z.unknown();
    case 'null':
      return z.null();
    case 'optional':
      return zodFromValibot(schema.wrapped).optional();
    case 'nullable':
      return zodFromValibot(schema.wrapped).nullable();
    case 'nullish':
      return zodFromValibot(schema.wrapped).nullish();
    case 'array':
      return z.array(zodFromValibot(schema.item));
    case 'record':
      return z.record(zodFromValibot(schema.key), zodFromValibot(schema.value));
    case 'union':
      return z.union(schema.options.map(zodFromValibot));
    case 'variant':
      // zod's discriminated unions need literal keys; a valibot variant may also key on a pipe.
      return z.union(schema.options.map(zodFromValibot));
    case 'object':
    case 'loose_object':
    case 'strict_object': {
      const shape = Object.fromEntries(
        Object.entries(schema.entries).map(([key, entry]) => [key, zodFromValibot(entry)]),
      );
      return withPipe(
        schema,
        schema.type === 'strict_object' ? z.strictObject(shape) : z.looseObject(shape),
      );
    }
    default:
      throw new Error(`zod-from-valibot: no zod counterpart for the ${schema.type} schema`);
  }
}

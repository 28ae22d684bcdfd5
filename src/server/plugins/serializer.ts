import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import {
  ResponseSerializationError,
  serializerCompiler as zodSerializerCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { $ZodType, safeEncode } from 'zod/v4/core';

type JsonSchema = { [key: string]: unknown };

const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * The JSON Schema fast-json-stringify is given for a zod response schema, or null when the schema is not plain data
 * (a transform, codec or default makes what zod sends differ from what it is given; recursion leaves a `$ref`; a
 * union other than "T or null" needs a validator to pick its branch): those keep zod's serializer.
 */
export function plainJsonSchema(schema: z.ZodType): JsonSchema | null {
  let output: JsonSchema;
  try {
    // A registry of its own: the ids in the global one (`.meta({ id })`) would turn shared parts into `$ref`s.
    const options = {
      unrepresentable: 'throw',
      metadata: z.registry<Record<string, unknown>>(),
      cycles: 'throw',
    } as const;
    // Output objects say `additionalProperties: false` (zod strips unknown keys), input ones do not; neither
    // matters here: fast-json-stringify writes only the properties it is told about.
    const text = (io: 'input' | 'output') =>
      JSON.stringify(z.toJSONSchema(schema, { ...options, io }), (key, value: unknown) =>
        key === 'additionalProperties' && value === false ? undefined : value,
      );
    const written = text('output');
    if (text('input') !== written) return null;
    output = JSON.parse(written) as JsonSchema;
  } catch {
    return null;
  }
  delete output.$schema;
  return simplify(output);
}

/** "T or null" as fast-json-stringify reads it; null for anything it would need a validator or a `$ref` for. */
function simplify(schema: JsonSchema): JsonSchema | null {
  if ('$ref' in schema || 'allOf' in schema || 'oneOf' in schema || 'not' in schema || 'if' in schema)
    return null;
  if ('prefixItems' in schema || 'patternProperties' in schema || 'default' in schema) return null;
  // No `required`: fast-json-stringify writes required properties first, and zod wrote them in the schema's order.
  const { required: _required, ...plain } = schema;
  const result: JsonSchema = plain;
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as JsonSchema[];
    const others = branches.filter((branch) => branch.type !== 'null');
    const other = others[0];
    if (branches.length !== 2 || others.length !== 1 || !other) return null;
    const inner = simplify(other);
    if (!inner) return null;
    const { anyOf: _anyOf, ...rest } = result;
    return { ...rest, ...inner, nullable: true };
  }
  // `nullable`, not a type list: fast-json-stringify writes ["string", "null"] twice as slowly.
  if (Array.isArray(result.type)) {
    const listed = result.type as unknown[];
    const types = listed.filter((type) => type !== 'null');
    const type = types[0];
    if (types.length !== 1 || typeof type !== 'string' || !PRIMITIVES.has(type)) return null;
    result.type = type;
    if (listed.length > 1) result.nullable = true;
  }
  if (result.type === 'null') return result;
  if (result.properties && typeof result.properties === 'object') {
    const properties: JsonSchema = {};
    for (const [key, value] of Object.entries(result.properties as Record<string, JsonSchema>)) {
      const inner = simplify(value);
      if (!inner) return null;
      properties[key] = inner;
    }
    result.properties = properties;
  }
  if (result.additionalProperties && typeof result.additionalProperties === 'object') {
    const inner = simplify(result.additionalProperties as JsonSchema);
    if (!inner) return null;
    result.additionalProperties = inner;
  }
  if (result.items && typeof result.items === 'object') {
    if (Array.isArray(result.items)) return null;
    const inner = simplify(result.items as JsonSchema);
    if (!inner) return null;
    result.items = inner;
  }
  return result;
}

/**
 * Responses serialised by fast-json-stringify, compiled from the route's zod schema: zod's serializer checked
 * every answer against its schema and built a copy before `JSON.stringify`, which was the largest single cost of a
 * page of 50 tasks (0.6 ms of its ~4). Schemas that are not plain data keep zod's serializer. With `check` (the
 * tests), every answer is also checked by zod first, so a route that sends what its schema does not say still
 * fails there as it did.
 */
export function compiledSerializer(options: { check: boolean }): FastifySerializerCompiler<unknown> {
  return (route) => {
    const zodSerialize = zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
    const { schema, method, url } = route as { schema: unknown; method: string; url: string };
    if (!(schema instanceof $ZodType)) return zodSerialize;
    // Compiled on the route's first answer with this status, not at start-up: there are some 2,600 route and
    // status pairs, most never answered by a given server.
    let serialize: ((data: unknown) => string) | null = null;
    const compile = () => {
      const json = plainJsonSchema(schema as z.ZodType);
      return json ? fastJson(json as unknown as Parameters<typeof fastJson>[0]) : zodSerialize;
    };
    if (!options.check) return (data: unknown) => (serialize ??= compile())(data);
    return (data: unknown) => {
      const result = safeEncode(schema, data);
      if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
      return (serialize ??= compile())(data);
    };
  };
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as taskSchemas from '../tasks/schemas.ts';
import { compiledSerializer, plainJsonSchema } from './serializer.ts';

const Plain = z.object({
  id: z.string(),
  status: z.enum(['todo', 'done']).nullable(),
  parent: z.object({ id: z.string(), count: z.number().int() }).nullable(),
  labels: z.array(z.string()).nullable(),
  kind: z.literal('task'),
  hours: z.record(z.string(), z.number()),
  note: z.string().optional(),
  extra: z.unknown(),
  loose: z.object({ a: z.string() }).loose(),
  last: z.boolean(),
});

function serializerFor(schema: z.ZodType, check: boolean) {
  return compiledSerializer({ check })({ schema, method: 'GET', url: '/x', httpStatus: '200' } as never) as (
    data: unknown,
  ) => string;
}

describe('compiled response serializer', () => {
  it('writes what zod wrote, key for key and in the same order', () => {
    const serialize = serializerFor(Plain, false);
    const samples = [
      {
        id: 'a',
        status: null,
        parent: null,
        labels: null,
        kind: 'task',
        hours: { mon: 1.5 },
        extra: { deep: [1, 'two', null] },
        loose: { a: 'x', kept: 2 },
        last: false,
        // Not in the schema: dropped by both.
        internal: 'secret',
      },
      {
        id: 'b "quoted" \u2028 中文',
        status: 'done',
        parent: { id: 'p', count: 3, dropped: true },
        labels: ['x', 'y'],
        kind: 'task',
        hours: {},
        note: 'optional, between required keys',
        extra: null,
        loose: { a: 'y' },
        last: true,
      },
    ];
    for (const sample of samples) {
      expect(serialize(sample)).toBe(JSON.stringify(z.encode(Plain, sample as never)));
    }
    expect(JSON.parse(serialize(samples[0]))).not.toHaveProperty('internal');
  });

  it('compiles the task answers, and leaves what is not plain data to zod', () => {
    expect(plainJsonSchema(taskSchemas.TaskDetail)).not.toBeNull();
    expect(plainJsonSchema(z.object({ items: z.array(taskSchemas.TaskListItem) }))).not.toBeNull();
    expect(plainJsonSchema(z.object({ items: z.array(taskSchemas.TaskCard) }))).not.toBeNull();
    expect(plainJsonSchema(z.object({ at: z.string().transform((value) => value.length) }))).toBeNull();
    expect(plainJsonSchema(z.object({ n: z.number().default(1) }))).toBeNull();
    expect(
      plainJsonSchema(
        z.discriminatedUnion('k', [z.object({ k: z.literal('a') }), z.object({ k: z.literal('b') })]),
      ),
    ).toBeNull();
    type Tree = { id: string; children: Tree[] };
    const Tree: z.ZodType<Tree> = z.object({ id: z.string(), children: z.array(z.lazy(() => Tree)) });
    expect(plainJsonSchema(Tree)).toBeNull();
    // A codec keeps zod's serializer, which encodes with it.
    const Coded = z.object({
      n: z.codec(z.string(), z.number(), {
        decode: (text) => Number(text),
        encode: (value) => String(value),
      }),
    });
    expect(plainJsonSchema(Coded)).toBeNull();
    expect(serializerFor(Coded, false)({ n: 5 })).toBe('{"n":"5"}');
  });

  it('refuses an answer its schema does not allow when checking, as zod did', () => {
    const answer = {
      ...{ id: 'a', status: 'maybe', parent: null, labels: null, kind: 'task', hours: {} },
      ...{ extra: 1, loose: { a: 'x' }, last: true },
    };
    expect(() => serializerFor(Plain, true)(answer)).toThrow(/match the schema/);
    // Unchecked, the compiled serializer writes it (the tests check; production does not pay for it).
    expect(JSON.parse(serializerFor(Plain, false)(answer))).toMatchObject({ status: 'maybe' });
  });
});

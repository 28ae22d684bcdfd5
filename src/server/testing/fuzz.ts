import type { FastifyInstance } from 'fastify';
import { as, type TestUser } from './app.ts';

/**
 * Request generation for the fuzz suite, from the app's OpenAPI document: valid samples of every operation's
 * parameters and body, and seeded mutations of them (wrong types, missing and extra fields, huge strings,
 * control characters, deep nesting, invalid dates and ids, foreign ids). Everything comes from one seeded PRNG,
 * so a seed, an operation and an index name a request exactly.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
};

type Parameter = {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
};

export type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  /** The body's content types and JSON schema, when the operation takes one. */
  body: { contentTypes: string[]; schema: JsonSchema | undefined; required: boolean } | null;
  /** Answers with a stream that never ends (Server-Sent Events): not something to inject. */
  streams: boolean;
};

type OpenApiDocument = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};
type OpenApiOperation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
};

/** Every operation of the document, with `$ref`s left for `Generator` to resolve. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const content = operation.requestBody?.content ?? {};
      const contentTypes = Object.keys(content);
      return {
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body:
          contentTypes.length > 0
            ? {
                contentTypes,
                schema: content['application/json']?.schema,
                required: operation.requestBody?.required ?? false,
              }
            : null,
        streams: Object.values(operation.responses ?? {}).some(
          (response) =>
            response.description === 'text/event-stream' ||
            Object.values(response.content ?? {}).some((c) => c.schema?.description === 'text/event-stream'),
        ),
      };
    }),
  );
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/** A 32-bit seed from text (FNV-1a), so each operation's requests depend only on the seed and its name. */
export function seedOf(...parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('|')) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Ids known to the fuzzer, by path parameter name (`taskId`, `key`, …): the caller's and another workspace's. */
export type KnownIds = { own: Map<string, string[]>; foreign: Map<string, string[]> };

/** Body or query fields that hold an id of another kind than their name says. */
const ID_ALIASES: Record<string, string[]> = {
  ownerId: ['userId'],
  assigneeId: ['userId'],
  actorId: ['userId'],
  parentId: ['taskId', 'goalId'],
  parentGoalId: ['goalId'],
  fromTaskId: ['taskId'],
  objectId: ['taskId', 'goalId'],
  kpiKey: ['key'],
  kpi: ['key'],
};

const ID_PATTERN = '^[A-Za-z0-9_-]*$';
const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u001b',
  '\u007f',
  '\u2028',
  '\u202e',
  '\ufeff',
  '\ud800',
];
const BAD_DATES = [
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '0001-01-01',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '2026-1-1',
  '2026-12-01T00:00:00Z',
  'today',
  '',
  '1e10',
];
const BAD_IDS = [
  '',
  ' ',
  '..',
  '../../etc/passwd',
  'a'.repeat(65),
  'a'.repeat(300),
  "'; DROP TABLE tasks; --",
  '中文',
  '00000000-0000-0000-0000-000000000000',
  'undefined',
  'null',
  '0',
  '-1',
  '%',
];
const ODD_NUMBERS = [0, -1, -0.5, 1.5, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 31) - 1, 1e-300, 99_999_999];
const WRONG_TYPES: unknown[] = [0, -1, 1.5, true, false, 'text', '', null, [], {}, [1, 'a'], { a: 1 }];

export type Mutation =
  | 'wrong-type'
  | 'missing'
  | 'extra'
  | 'huge'
  | 'control'
  | 'nested'
  | 'date'
  | 'id'
  | 'foreign'
  | 'empty'
  | 'number';
const MUTATIONS: Mutation[] = [
  'wrong-type',
  'missing',
  'extra',
  'huge',
  'control',
  'nested',
  'date',
  'id',
  'foreign',
  'empty',
  'number',
];

export type FuzzRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  anonymous: boolean;
  /** What was done to the valid sample, for the failure report. */
  mutation: string;
};

export class Generator {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly ids: KnownIds,
    private readonly bodyLimit: number,
  ) {}

  private resolve(schema: JsonSchema | undefined): JsonSchema {
    let current = schema ?? {};
    for (let hops = 0; current.$ref && hops < 10; hops += 1) {
      const name = current.$ref.split('/').pop() ?? '';
      current = this.document.components?.schemas?.[name] ?? {};
    }
    if (current.allOf)
      return Object.assign({}, ...current.allOf.map((part) => this.resolve(part))) as JsonSchema;
    return current;
  }

  private idFor(name: string, rng: Rng, side: 'own' | 'foreign' = 'own'): string | undefined {
    const known = side === 'own' ? this.ids.own : this.ids.foreign;
    for (const candidate of [name, ...(Object.hasOwn(ID_ALIASES, name) ? (ID_ALIASES[name] ?? []) : [])]) {
      const values = known.get(candidate);
      if (values?.length) return rng.pick(values);
    }
    return undefined;
  }

  /** A value the schema accepts, as far as the generator can tell; ids are real ones of the caller. */
  sample(schemaIn: JsonSchema | undefined, rng: Rng, name = '', depth = 0): unknown {
    const schema = this.resolve(schemaIn);
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return rng.pick(schema.enum);
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) {
      const nonNull = branches.filter((branch) => this.resolve(branch).type !== 'null');
      // A minimal sample takes the structured form where there is one (a plan as JSON rather than as text).
      const structured = nonNull.filter((branch) => this.resolve(branch).type === 'object');
      if (this.minimal && structured.length > 0) return this.sample(structured[0], rng, name, depth);
      return this.sample(
        rng.chance(0.85) && nonNull.length ? rng.pick(nonNull) : rng.pick(branches),
        rng,
        name,
        depth,
      );
    }
    const type = Array.isArray(schema.type) ? rng.pick(schema.type) : schema.type;
    switch (type) {
      case 'null':
        return null;
      case 'boolean':
        return rng.chance(0.5);
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? (name === 'limit' ? 1 : 0);
        const max = Math.min(schema.maximum ?? min + 100, min + 1000);
        const value = rng.int(Math.ceil(min), Math.floor(max));
        return type === 'number' && rng.chance(0.3) && value + 0.5 <= max ? value + 0.5 : value;
      }
      case 'array': {
        if (depth > 6) return [];
        const count = this.minimal
          ? (schema.minItems ?? 0)
          : rng.int(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, (schema.minItems ?? 0) + 3));
        return Array.from({ length: count }, () => this.sample(schema.items, rng, name, depth + 1));
      }
      case 'object':
        return this.sampleObject(schema, rng, depth);
      case 'string':
        return this.sampleString(schema, rng, name);
      default:
        if (schema.properties) return this.sampleObject(schema, rng, depth);
        return rng.pick(['x', 1, true]);
    }
  }

  private sampleObject(schema: JsonSchema, rng: Rng, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    if (depth > 6) return result;
    const required = new Set(schema.required ?? []);
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (required.has(key) || (!this.minimal && rng.chance(0.6)))
        result[key] = this.sample(property, rng, key, depth + 1);
    }
    if (!schema.properties && typeof schema.additionalProperties === 'object') {
      for (let index = rng.int(0, 2); index > 0; index -= 1) {
        result[`k${rng.int(1, 99)}`] = this.sample(schema.additionalProperties, rng, '', depth + 1);
      }
    }
    return result;
  }

  private sampleString(schema: JsonSchema, rng: Rng, name: string): string {
    if (schema.format === 'date' || /date$|^(from|to|day|period|startsOn|dueBefore|dueAfter)$/i.test(name)) {
      if (schema.format === 'date' || !schema.pattern)
        return `2026-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    }
    if (schema.format === 'email' || name === 'email') return `fuzz${rng.int(1, 1_000_000)}@example.com`;
    // Port 9 (discard) on this machine: a receiver that refuses at once, without a DNS lookup.
    if (schema.format === 'uri' || /url$/i.test(name)) return `http://127.0.0.1:9/${rng.int(1, 999)}`;
    if (schema.pattern === ID_PATTERN || name.endsWith('Id') || name === 'cursor') {
      return this.idFor(name, rng) ?? this.idFor('taskId', rng) ?? 'unknown-id';
    }
    const known = this.idFor(name, rng);
    if (known && rng.chance(0.8)) return known;
    if (schema.pattern) return `k${rng.int(1, 99_999)}`;
    const min = schema.minLength ?? 1;
    const max = Math.min(schema.maxLength ?? 40, min + 30);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz 运营计划任务目标';
    let text = '';
    for (let length = rng.int(Math.max(min, 1), Math.max(max, 1)); text.length < length;)
      text += rng.pick([...alphabet]);
    return text.trim().length >= min ? text : 'x'.repeat(Math.max(min, 1));
  }

  /** A bad value for one field, by mutation kind. */
  badValue(mutation: Mutation, rng: Rng, name: string, valid: unknown): unknown {
    switch (mutation) {
      case 'wrong-type':
        return rng.pick(WRONG_TYPES.filter((value) => typeof value !== typeof valid));
      case 'huge': {
        // Mostly within the body limit (the schema refuses), now and then beyond it (413).
        const length = rng.chance(0.1) ? this.bodyLimit + 1024 : rng.pick([5_000, 70_000, 400_000]);
        return 'x'.repeat(length);
      }
      case 'control': {
        const text = typeof valid === 'string' && valid.length > 0 ? valid : 'abc';
        const at = rng.int(0, text.length);
        return text.slice(0, at) + rng.pick(CONTROL) + text.slice(at);
      }
      case 'nested': {
        let value: unknown = 'x';
        for (let level = rng.pick([20, 40, 300, 3000]); level > 0; level -= 1)
          value = rng.chance(0.5) ? [value] : { a: value };
        return value;
      }
      case 'date':
        return rng.pick(BAD_DATES);
      case 'id':
        return rng.pick(BAD_IDS);
      case 'foreign':
        return this.idFor(name, rng, 'foreign') ?? this.idFor('taskId', rng, 'foreign') ?? 'foreign-id';
      case 'empty':
        return rng.pick(['', ' ', [], {}]);
      case 'number':
        return rng.pick(ODD_NUMBERS);
      default:
        return null;
    }
  }

  /** Applies one mutation somewhere inside a sampled JSON value (not above `maxDepth` levels down). */
  private mutateJson(value: unknown, mutation: Mutation, rng: Rng): { value: unknown; where: string } {
    if (value === null || typeof value !== 'object') {
      return { value: this.badValue(mutation, rng, '', value), where: '(root)' };
    }
    // Walk down a random path to a container, then change one of its entries.
    const path: string[] = [];
    let container = value as Record<string, unknown>;
    for (let step = 0; step < 4; step += 1) {
      const keys = Object.keys(container);
      const deeper = keys.filter((key) => container[key] !== null && typeof container[key] === 'object');
      if (deeper.length === 0 || rng.chance(0.5)) break;
      const key = rng.pick(deeper);
      path.push(key);
      container = container[key] as Record<string, unknown>;
    }
    const keys = Object.keys(container);
    if (mutation === 'missing' && keys.length > 0) {
      const key = rng.pick(keys);
      delete container[key];
      return { value, where: [...path, key].join('.') };
    }
    if (mutation === 'extra' || keys.length === 0) {
      const key = rng.pick([
        'extra',
        '__proto__',
        'constructor',
        'id',
        'workspaceId',
        'x'.repeat(300),
        'k\u0000',
      ]);
      container[key] = this.badValue(rng.pick(MUTATIONS), rng, key, undefined);
      return { value, where: [...path, key].join('.') };
    }
    const key = rng.pick(keys);
    container[key] = this.badValue(mutation, rng, Array.isArray(container) ? '' : key, container[key]);
    return { value, where: [...path, key].join('.') };
  }

  /** While set, samples hold only what is required: empty lists, no optional fields. */
  private minimal = false;

  /**
   * The `index`th request for an operation: index 0 is a valid sample, the rest mutate one part of it.
   * `minimal` samples only required fields (the role matrix uses it to get past validation to the service).
   */
  request(operation: Operation, seed: number, index: number, minimal = false): FuzzRequest {
    this.minimal = minimal;
    const rng = new Rng(seedOf(seed, operation.method, operation.path, index));
    const anonymous = index > 0 && rng.chance(0.08);
    const mutation: Mutation = rng.pick(MUTATIONS);
    const target = index === 0 ? 'none' : rng.pick(['path', 'query', 'body', 'body', 'body']);
    let described = index === 0 ? 'valid sample' : `${mutation} in ${target}`;

    const pathValues: Record<string, string> = {};
    for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
      pathValues[parameter.name] = String(this.sample(parameter.schema, rng, parameter.name));
    }
    const pathNames = Object.keys(pathValues);
    let rawSegment: string | null = null;
    if (target === 'path' && pathNames.length > 0) {
      const name = rng.pick(pathNames);
      if (rng.chance(0.1)) rawSegment = rng.pick(['%', '%zz', '%E0%A4%A', '%00', 'a'.repeat(120)]);
      else pathValues[name] = String(this.badValue(mutation, rng, name, pathValues[name]));
      described += ` (${name})`;
    }
    let url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (rawSegment !== null && name === pathNames[pathNames.length - 1]) return rawSegment;
      return encodeSegment(pathValues[name] ?? '');
    });

    const query = new URLSearchParams();
    const queryParameters = operation.parameters.filter((p) => p.in === 'query');
    for (const parameter of queryParameters) {
      if (parameter.required || rng.chance(0.4)) {
        const value = this.sample(parameter.schema, rng, parameter.name);
        query.set(parameter.name, typeof value === 'object' ? JSON.stringify(value) : String(value));
      }
    }
    if (target === 'query') {
      const parameter = queryParameters.length > 0 && rng.chance(0.85) ? rng.pick(queryParameters) : null;
      const name = parameter?.name ?? rng.pick(['extra', 'limit', 'cursor']);
      const bad = this.badValue(mutation, rng, name, query.get(name));
      if (mutation === 'missing') query.delete(name);
      else query.set(name, typeof bad === 'object' ? JSON.stringify(bad) : String(bad).slice(0, 30_000));
      described += ` (${name})`;
    }
    const search = query.toString();
    if (search) url += `?${search}`;

    const headers: Record<string, string> = { 'accept-language': rng.pick(['en', 'zh-CN']) };
    let payload: string | Buffer | undefined;
    if (operation.body && operation.body.schema) {
      let body: unknown = this.sample(operation.body.schema, rng, '');
      if (target === 'body') {
        if (rng.chance(0.08)) {
          body = rng.pick([null, [], 'text', 42, undefined]);
          described = `${mutation} in body (whole body ${JSON.stringify(body) ?? 'absent'})`;
        } else {
          const changed = this.mutateJson(body, mutation, rng);
          body = changed.value;
          described += ` (${changed.where})`;
        }
      }
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
    } else if (operation.body) {
      const types = operation.body.contentTypes;
      headers['content-type'] =
        target === 'none' ? (types[0] ?? 'text/csv') : rng.pick([...types, 'text/plain', 'application/json']);
      payload = this.fileBody(rng, target === 'body' ? mutation : null);
      described = `file body as ${headers['content-type']}${target === 'body' ? ` with ${mutation}` : ''}`;
    } else if (['POST', 'PUT', 'PATCH'].includes(operation.method) && target === 'body') {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(this.badValue(mutation, rng, '', undefined));
    }
    return { method: operation.method, url, headers, payload, anonymous, mutation: described };
  }

  /** A small spreadsheet-like upload: CSV text with odd cells, or bytes that are neither CSV nor XLSX. */
  private fileBody(rng: Rng, mutation: Mutation | null): string | Buffer {
    if (mutation && rng.chance(0.3)) {
      return Buffer.from(Array.from({ length: rng.int(0, 2000) }, () => rng.int(0, 255)));
    }
    const cell = () => {
      if (!mutation || rng.chance(0.6))
        return rng.pick(['1', '1.1', 'Launch', '2026-12-01', '8', 'a@example.com', '']);
      const bad = this.badValue(mutation, rng, 'cell', 'x');
      return typeof bad === 'string' ? bad.slice(0, 20_000) : (JSON.stringify(bad) ?? '');
    };
    const header = rng.pick([
      'kpi,period,value',
      'wbs,title,owner,estimate,start,due,predecessors',
      '编号,任务,负责人,预估工时,开始,截止,前置任务',
      'x',
    ]);
    const rows = Array.from({ length: rng.int(0, 6) }, () =>
      Array.from({ length: rng.int(1, 8) }, () => `"${cell().replaceAll('"', '""')}"`).join(','),
    );
    return [header, ...rows].join(rng.pick(['\n', '\r\n']));
  }
}

/** Percent-encodes a path segment; a lone surrogate becomes the bytes of one (invalid UTF-8 on purpose). */
function encodeSegment(value: string): string {
  return Array.from(value)
    .map((char) => (/[\ud800-\udfff]/.test(char) ? '%ED%A0%80' : encodeURIComponent(char)))
    .join('');
}

/** Names of the path parameters that follow each static segment (`tasks` → `taskId`), from the paths. */
export function parameterAfterSegment(paths: string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const path of paths) {
    const segments = path.split('/');
    segments.forEach((segment, index) => {
      const next = segments[index + 1];
      if (next?.startsWith('{') && !segment.startsWith('{')) result.set(segment, next.slice(1, -1));
    });
  }
  return result;
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(sses|ches|xes)$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/**
 * Records the ids a response reveals under the path parameter names that take them: items of a list under
 * `/tasks` give `taskId`, an object under `goal` or `goals` gives `goalId`, a field named like a parameter
 * (`key`, `token`, `period`) gives itself, and a link to a one-parameter path (`/api/v1/calendar/x.ics`) its
 * parameter.
 */
export function collectIds(
  response: unknown,
  requestPath: string,
  parameterNames: Set<string>,
  afterSegment: Map<string, string>,
  linkPatterns: { prefix: string; name: string }[],
  into: Map<string, string[]>,
): void {
  const add = (name: string, value: unknown) => {
    if (typeof value !== 'string' || value === '' || !parameterNames.has(name)) return;
    const values = into.get(name) ?? [];
    if (!values.includes(value) && values.length < 20) values.push(value);
    into.set(name, values);
  };
  const lastSegment = requestPath.split('?')[0]?.split('/').filter(Boolean).pop() ?? '';
  const stack: { value: unknown; parent: string }[] = [{ value: response, parent: lastSegment }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, parent } = next;
    if (typeof value === 'string') {
      for (const link of linkPatterns) {
        const at = value.indexOf(link.prefix);
        if (at >= 0)
          add(link.name, decodeURIComponent(value.slice(at + link.prefix.length).split(/[/?#]/)[0] ?? ''));
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, parent });
      continue;
    }
    const record = value as Record<string, unknown>;
    const byList = afterSegment.get(parent);
    if (byList) add(byList, record[byList] ?? record.id);
    add(`${singular(parent)}Id`, record.id);
    for (const [key, child] of Object.entries(record)) {
      add(key, child);
      stack.push({ value: child, parent: key === 'items' ? parent : key });
    }
  }
}

/** Learns the ids of a workspace by reading every list and detail the user can reach (twice: lists nest). */
export async function learnIds(
  app: FastifyInstance,
  user: TestUser,
  operations: Operation[],
  workspaceId: string,
  into: Map<string, string[]>,
): Promise<void> {
  const paths = operations.map((operation) => operation.path);
  const names = new Set(
    operations.flatMap((op) => op.parameters.filter((p) => p.in === 'path').map((p) => p.name)),
  );
  const afterSegment = parameterAfterSegment(paths);
  const links = paths
    .map((path) => /^(.*\/)\{(\w+)\}$/.exec(path))
    .filter((match): match is RegExpExecArray => match !== null && !match[1]?.includes('{'))
    .map((match) => ({ prefix: match[1] ?? '', name: match[2] ?? '' }));
  into.set('workspaceId', [workspaceId]);
  for (let round = 0; round < 2; round += 1) {
    for (const operation of operations.filter((op) => op.method === 'GET' && !op.streams)) {
      const pathNames = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      if (!pathNames.every((name) => into.has(name))) continue;
      const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(into.get(name)?.[0] ?? ''),
      );
      const response = await app.inject(as(user, { method: 'GET', url }));
      if (
        response.statusCode === 200 &&
        String(response.headers['content-type']).startsWith('application/json')
      ) {
        collectIds(response.json(), operation.path, names, afterSegment, links, into);
      }
    }
  }
}

import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../src/providers/index.js';
import { type JsonSchema, validateJsonSchema } from './json-schema-subset.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

interface SchemaFile {
  /** `<provider>/<name>.json`. */
  readonly path: string;
  /** The file's JSON Schema. */
  readonly json: Record<string, unknown> & { readonly title: string };
  /** The valibot schema of dist/<provider>.js the file was generated from. */
  readonly wire: v.GenericSchema;
}

const providerIds = providers.map((provider) => provider.id);
/** The schema files of each provider, read from schemas/ once dist/ is built. */
const schemasOf = new Map<string, SchemaFile[]>();

async function importDist(name: string): Promise<Record<string, unknown>> {
  return import(pathToFileURL(join(root, 'dist', name)).href);
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

beforeAll(async () => {
  for (const id of providerIds) {
    const entry = await importDist(`${id}.js`);
    const files: SchemaFile[] = [];
    for (const name of (await readdir(join(root, 'schemas', id))).sort()) {
      const json = (await readJson(join(root, 'schemas', id, name))) as SchemaFile['json'];
      files.push({
        path: `${id}/${name}`,
        json,
        wire: entry[`${json.title}Schema`] as v.GenericSchema,
      });
    }
    schemasOf.set(id, files);
  }
});

/** The JSON Pointer of every property, at any depth, that has no `description`. */
function undescribedProperties(node: unknown, at = ''): string[] {
  if (node === null || typeof node !== 'object') return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, sub] of Object.entries(value)) {
        if ((sub as { description?: unknown }).description === undefined)
          found.push(`${at}/${name}`);
        found.push(...undescribedProperties(sub, `${at}/${name}`));
      }
    } else {
      found.push(...undescribedProperties(value, `${at}/${key}`));
    }
  }
  return found;
}

/** The value and every object nested in it, each with its JSON Pointer. */
function objectsIn(value: unknown, at = ''): { at: string; value: Record<string, unknown> }[] {
  if (value === null || typeof value !== 'object') return [];
  const nested = Object.entries(value).flatMap(([key, item]) => objectsIn(item, `${at}/${key}`));
  return Array.isArray(value)
    ? nested
    : [{ at, value: value as Record<string, unknown> }, ...nested];
}

/** The same value with one thing broken: a property removed, or given a value of another type. */
function mutations(value: Record<string, unknown>): { label: string; value: unknown }[] {
  const other = (item: unknown): unknown => {
    if (typeof item === 'string') return 4062;
    if (typeof item === 'number') return 'not a number';
    if (typeof item === 'boolean') return 'true';
    if (item === null) return 0;
    if (Array.isArray(item)) return { 0: item[0] };
    return 'not an object';
  };
  const result: { label: string; value: unknown }[] = [];
  for (const [key, item] of Object.entries(value)) {
    const { [key]: _removed, ...without } = value;
    result.push({ label: `without ${key}`, value: without });
    result.push({
      label: `${key}: ${JSON.stringify(other(item))}`,
      value: { ...value, [key]: other(item) },
    });
  }
  return result;
}

describe('generated JSON Schemas', () => {
  it('are up to date with the wire schemas in dist/ (`npm run schemas` regenerates them)', async () => {
    const result = await run('node', ['scripts/generate-json-schemas.mjs', '--check'], {
      cwd: root,
    }).then(
      ({ stdout }) => ({ code: 0, output: stdout.trim() }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        output: `${error.stdout}${error.stderr}`.trim(),
      }),
    );
    expect(result).toEqual({ code: 0, output: 'schemas/ is up to date.' });
  });

  it('declare draft 2020-12, a resolvable $id, a title and a description', () => {
    for (const files of schemasOf.values()) {
      for (const { path, json, wire } of files) {
        expect(json).toMatchObject({
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          $id: `https://unpkg.com/sms-webhooks/schemas/${path}`,
          title: expect.stringMatching(/^[A-Z]\w+$/),
          description: expect.stringMatching(/\S/),
        });
        expect(wire, `${path} names a schema dist/ does not export`).toBeDefined();
      }
    }
  });

  it('describe every property with its TSDoc line', () => {
    const undescribed = [...schemasOf.values()]
      .flat()
      .flatMap(({ path, json }) => undescribedProperties(json).map((at) => `${path}#${at}`));
    expect(undescribed).toEqual([]);
  });

  it('are listed in schemas/README.md', async () => {
    const readme = await readFile(join(root, 'schemas', 'README.md'), 'utf8');
    expect(readme).toContain('Do not edit');
    for (const files of schemasOf.values()) {
      for (const { path } of files) expect(readme).toContain(`(./${path})`);
    }
  });
});

describe.each(providerIds)('fixtures/%s', (provider) => {
  const fixtures: { name: string; value: unknown }[] = [];

  beforeAll(async () => {
    const readme = await readFile(join(root, 'fixtures', 'README.md'), 'utf8');
    const listed = new RegExp(`^- \`${provider}/([^\`]+\\.json)\``, 'gm');
    for (const [, name = ''] of readme.matchAll(listed)) {
      fixtures.push({ name, value: await readJson(join(root, 'fixtures', provider, name)) });
    }
  });

  it('documents every fixture file in fixtures/README.md', async () => {
    const files = (await readdir(join(root, 'fixtures', provider))).filter((f) =>
      f.endsWith('.json'),
    );
    expect(fixtures.map((fixture) => fixture.name).sort()).toEqual(files.sort());
  });

  it('each fixture validates against one of the provider’s JSON Schemas', () => {
    const files = schemasOf.get(provider) ?? [];
    expect(files.length).toBeGreaterThan(0);
    for (const fixture of fixtures) {
      const accepting = files.filter(
        ({ json }) => validateJsonSchema(json as JsonSchema, fixture.value).length === 0,
      );
      expect(
        accepting.map((file) => file.path),
        fixture.name,
      ).not.toEqual([]);
    }
  });

  it('JSON Schema and valibot agree on every object in the fixtures, also with one field broken', () => {
    const disagreements: string[] = [];
    let accepted = 0;
    for (const { path, json, wire } of schemasOf.get(provider) ?? []) {
      for (const fixture of fixtures) {
        for (const { at, value } of objectsIn(fixture.value)) {
          const cases = [{ label: 'as documented', value: value as unknown }];
          if (v.safeParse(wire, value).success) {
            accepted += 1;
            cases.push(...mutations(value));
          }
          for (const { label, value: candidate } of cases) {
            const byJsonSchema = validateJsonSchema(json as JsonSchema, candidate).length === 0;
            const byValibot = v.safeParse(wire, candidate).success;
            if (byJsonSchema !== byValibot) {
              disagreements.push(
                `${path} on ${fixture.name}#${at} ${label}: JSON Schema ${byJsonSchema ? 'accepts' : 'rejects'}, valibot ${byValibot ? 'accepts' : 'rejects'}`,
              );
            }
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThanOrEqual(fixtures.length);
  });
});

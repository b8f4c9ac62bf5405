import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renovateJsonSchema, renovateJsonSchemaText } from '../../src/config/json-schema.js';

const committed = join(import.meta.dirname, '..', '..', 'schema', 'renovate.schema.json');

describe('schema/renovate.schema.json', () => {
  it('is what the zod schema generates (run `npm run schema` after changing src/config/schema.ts)', async () => {
    expect(await readFile(committed, 'utf8')).toBe(renovateJsonSchemaText());
  });

  it('is strict at every level and documents the defaults', () => {
    const schema = renovateJsonSchema() as {
      additionalProperties: boolean;
      properties: Record<string, { default?: unknown; additionalProperties?: boolean; items?: unknown }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties['pingate']?.additionalProperties).toBe(false);
    expect(schema.properties['packageRules']?.items).toMatchObject({ additionalProperties: false });
    expect(schema.properties['schedule']?.default).toEqual(['every weekend']);
    expect(schema.properties['prHourlyLimit']?.default).toBe(2);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        '$schema',
        'extends',
        'timezone',
        'minimumReleaseAge',
        'packageRules',
        'pingate',
      ]),
    );
  });
});

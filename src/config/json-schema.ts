import { z } from 'zod';
import { RepoConfigInput } from './schema.js';

/** The JSON Schema of renovate.json as users write it (input side: defaults shown, nothing required). */
export function renovateJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RepoConfigInput, { io: 'input', target: 'draft-2020-12' });
  return {
    ...schema,
    title: 'pingate renovate.json',
    description: 'Configuration of pingate (a subset of Renovate options plus "pingate"). See the README.',
  };
}

/** The committed file's exact text: two-space JSON with a final newline. */
export function renovateJsonSchemaText(): string {
  return `${JSON.stringify(renovateJsonSchema(), null, 2)}\n`;
}

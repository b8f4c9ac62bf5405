import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renovateJsonSchemaText } from '../src/config/json-schema.js';

/** `npm run schema`: regenerates schema/renovate.schema.json from the zod schema of renovate.json. */
const target = fileURLToPath(new URL('../schema/renovate.schema.json', import.meta.url));
await writeFile(target, renovateJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);

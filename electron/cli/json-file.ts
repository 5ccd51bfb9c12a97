/** Reading a JSON file named by a flag (a mapping, a template), failing with a message that names the flag. */
import fs from 'node:fs';
import { InvalidArgumentError } from 'commander';

export const MAX_JSON_FILE_BYTES = 5 * 1024 * 1024;

export function readJsonFile(flag: string, file: string): unknown {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_JSON_FILE_BYTES) throw new InvalidArgumentError(`${flag}: ${file} is larger than ${MAX_JSON_FILE_BYTES} bytes.`);
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw new InvalidArgumentError(
      `${flag}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  // `suggest-mapping FILE > m.json` that failed leaves the file empty: say so rather than "Unexpected end of JSON input".
  if (text.trim() === '')
    throw new InvalidArgumentError(
      `${flag}: ${file} is empty${flag === '--mapping' ? ' (did the suggest-mapping that wrote it fail? It prints a mapping only for a file it can read)' : ''}.`,
    );
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError(`${flag}: ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The mapping in a --mapping file. Accepted shapes: the seed's mapping object `{ fieldMappings, transformations }`;
 * anything that holds one under `mapping` (suggest-mapping --json output, an import options object) or under
 * `transformation.mapping` (a template); and a bare `{ "source": "target" }` object.
 */
export function mappingFromFile(file: string): Record<string, unknown> {
  const value = readJsonFile('--mapping', file);
  if (!isObject(value)) throw new InvalidArgumentError(`--mapping: ${file} must hold a JSON object such as {"fieldMappings": {"legacy_title": "title"}}.`);
  if ('fieldMappings' in value || 'transformations' in value) return value;
  if (isObject(value.mapping)) return value.mapping;
  if (isObject(value.transformation) && isObject(value.transformation.mapping)) return value.transformation.mapping;
  if (Object.keys(value).length > 0 && Object.values(value).every((v) => typeof v === 'string')) return { fieldMappings: value };
  throw new InvalidArgumentError(`--mapping: ${file} has no "fieldMappings"; write it as {"fieldMappings": {"source": "target"}, "transformations": []}.`);
}

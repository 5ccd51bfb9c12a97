/** The app's CSP, read from electron/main/security.ts as text (that module imports electron). */
import fs from 'node:fs';
import path from 'node:path';

const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../electron/main/security.ts'), 'utf8');
export const APP_CSP_FOR_TEST = /APP_CSP =\s*\n?\s*"([^"]+)"/.exec(source)?.[1] ?? '';

/**
 * zod compiles object parsers with `new Function` when it may, and probes for that by calling it once. Under
 * the app's CSP (no 'unsafe-eval') the probe is refused and reported as a CSP violation on every load, even
 * though zod then falls back. Telling zod up front that eval is off keeps the console clean and the policy
 * strict. Imported first by main.tsx, before any schema runs.
 */
import * as z from 'zod';

z.config({ jitless: true });

#!/usr/bin/env node
// The CLI runs the TypeScript sources directly (tsx), so there is no build step between a change and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
const code = await main(process.argv);
process.exit(code);

// Starts the pipeline worker from its TypeScript source (plain Node: CLI, tests, HTTP host). Electron runs
// the bundled worker instead (electron-vite's ?modulePath import in electron/main).
import { register } from 'tsx/esm/api';

register();
await import('./pipeline.ts');

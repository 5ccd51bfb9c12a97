/**
 * The built CLI's pipeline worker (out/cli/pipeline-worker.mjs, scripts/build-cli.mjs). A worker thread does
 * not share the compile cache the bin turned on in the main thread: without this its ~2 MB of engine code
 * was compiled afresh on every run (~90 ms of a one-record import). So the cache is turned on here first,
 * the worker proper (electron/workers/pipeline.ts, a chunk of its own) loads through it, and the cache is
 * written at once: an idle worker is cut off when the CLI exits, before it would have written it itself.
 */
import module from 'node:module';

module.enableCompileCache?.();
await import('../workers/pipeline.ts');
module.flushCompileCache?.();

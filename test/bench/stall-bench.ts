/**
 * How responsive the asking thread stays while a 200,000-record import runs in the pipeline worker: the
 * longest event-loop stall of the main thread (perf_hooks.monitorEventLoopDelay, plus a 5 ms heartbeat as a
 * cross-check), and the longest gap between progress events. Prints figures; asserts nothing (the bar in
 * docs/performance.md: the main thread never blocked more than 50 ms).
 *
 *   node bin/run-ts.mjs test/bench/stall-bench.ts [records] [--in-process]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ContextStoreService } from '../../electron/engine/service.ts';
import { InProcessRunner } from '../../electron/engine/operations/runner.ts';
import { shutdownWorkerPool } from '../../electron/engine/operations/worker-runner.ts';

export interface StallBenchResult {
  records: number;
  runner: 'worker' | 'in-process';
  importMs: number;
  /** Longest main-thread stall seen by monitorEventLoopDelay, in ms. */
  maxStallMs: number;
  p99StallMs: number;
  /** Longest gap between two ticks of a 5 ms interval timer, in ms. */
  maxTimerGapMs: number;
  progressEvents: number;
  /** Longest gap between two progress events while the import ran, in ms. */
  maxProgressGapMs: number;
  /**
   * The reference, same run: the longest stall while a worker does nothing but burn CPU (no pipeline, no
   * messages). On a busy machine the OS scheduler alone stalls the main thread this long.
   */
  referenceMaxStallMs: number;
  /** How busy the main thread's event loop was during the import (event-loop utilisation), in percent. */
  mainThreadBusyPercent: number;
  /** The longest garbage-collection pause of the main thread during the import, in ms. */
  maxGcPauseMs: number;
}

/** Measures the main thread's longest stall while `during` runs. */
async function measureStall<T>(
  during: () => Promise<T>,
): Promise<{ value: T; maxStallMs: number; p99StallMs: number; maxTimerGapMs: number; busyPercent: number; maxGcMs: number }> {
  let maxGcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) maxGcMs = Math.max(maxGcMs, entry.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  const elu = performance.eventLoopUtilization();
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let lastTick = performance.now();
  let maxTimerGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxTimerGapMs = Math.max(maxTimerGapMs, now - lastTick);
    lastTick = now;
  }, 5);
  histogram.enable();
  try {
    const value = await during();
    const busyPercent = performance.eventLoopUtilization(elu).utilization * 100;
    return { value, maxStallMs: histogram.max / 1e6, p99StallMs: histogram.percentile(99) / 1e6, maxTimerGapMs, busyPercent, maxGcMs };
  } finally {
    gc.disconnect();
    histogram.disable();
    clearInterval(timer);
  }
}

function burnCpu(ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const code = `const end = Date.now() + ${Math.round(ms)}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1); require('node:worker_threads').parentPort.postMessage(x);`;
    const worker = new Worker(code, { eval: true });
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Writes the test file in its own worker thread: generating 200,000 records makes a lot of garbage, and a
 * garbage collection of the main thread's heap during the import would be a stall the import did not cause.
 */
const WRITE_RECORDS = `
const fs = require('node:fs');
const { workerData, parentPort } = require('node:worker_threads');
const { file, count } = workerData;
const fd = fs.openSync(file, 'w');
const words = ['alpha', 'beta', 'gamma', 'delta', 'ünïcode', '"quoted"', 'comma,separated', 'line\\nbreak', 'emoji 🎉'];
let lines = [];
for (let i = 0; i < count; i++) {
  const content = Array.from({ length: 60 }, (_, w) => words[(i + w) % words.length]).join(' ');
  lines.push(JSON.stringify({
    id: 'ctx-' + i,
    title: 'Context ' + i + ' ' + words[i % words.length],
    content,
    type: ['note', 'task', 'idea'][i % 3],
    tags: ['bench', 't' + (i % 20)],
    sessionId: 's-' + (i % 100),
    createdAt: new Date(1700000000000 + i * 1000).toISOString(),
    metadata: { importance: ['low', 'medium', 'high', 'critical'][i % 4], source: 'bench' },
  }));
  if (lines.length === 5000) { fs.writeSync(fd, lines.join('\\n') + '\\n'); lines = []; }
}
if (lines.length) fs.writeSync(fd, lines.join('\\n') + '\\n');
fs.closeSync(fd);
parentPort.postMessage('done');
`;

function writeRecords(file: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WRITE_RECORDS, { eval: true, workerData: { file, count } });
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
}

export async function runStallBench(options: { records?: number; inProcess?: boolean; print?: boolean } = {}): Promise<StallBenchResult> {
  const records = options.records ?? 200_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-stall-'));
  const file = path.join(dir, 'contexts.jsonl');
  try {
    await writeRecords(file, records);
    const service = new ContextStoreService({
      storePath: path.join(dir, 'store.db'),
      runner: options.inProcess ? (store) => new InProcessRunner(store) : undefined,
    });
    // Warm the worker pool first: starting a worker is a one-off cost, not a stall of the import.
    const warmUp = path.join(dir, 'warm-up.jsonl');
    await writeRecords(warmUp, 10);
    await service.call('validateFile', { files: [warmUp], options: { format: 'jsonl' } });

    let lastProgress = 0;
    let maxProgressGapMs = 0;
    let progressEvents = 0;
    const unsubscribe = service.events.onEvent('operation.progress', (p) => {
      const now = performance.now();
      if (lastProgress && p.status === 'running') maxProgressGapMs = Math.max(maxProgressGapMs, now - lastProgress);
      lastProgress = now;
      progressEvents++;
    });
    const started = performance.now();
    const measured = await measureStall(() => service.call('importData', { files: [file], options: { format: 'jsonl' } }));
    const importMs = performance.now() - started;
    const result = measured.value;
    unsubscribe();
    if (!result.ok) throw new Error(`import failed: ${result.error.message}`);
    if (result.value.insertedRecords !== records) throw new Error(`import wrote ${result.value.insertedRecords} of ${records} records`);
    await service.close();
    // As long as the import took (capped), so both had the same chances of an unlucky scheduling spike.
    const reference = await measureStall(() => burnCpu(Math.min(importMs, 30_000)));
    const figures: StallBenchResult = {
      records,
      runner: options.inProcess ? 'in-process' : 'worker',
      importMs: Math.round(importMs),
      maxStallMs: round1(measured.maxStallMs),
      p99StallMs: round1(measured.p99StallMs),
      maxTimerGapMs: round1(measured.maxTimerGapMs),
      progressEvents,
      maxProgressGapMs: Math.round(maxProgressGapMs),
      referenceMaxStallMs: round1(reference.maxStallMs),
      mainThreadBusyPercent: round1(measured.busyPercent),
      maxGcPauseMs: round1(measured.maxGcMs),
    };
    if (options.print ?? true) {
      console.log(
        `main-thread stall during a ${records.toLocaleString('en-US')}-record import (${figures.runner}): ` +
          `longest ${figures.maxStallMs} ms (p99 ${figures.p99StallMs} ms, timer gap ${figures.maxTimerGapMs} ms; bar: 50 ms) · ` +
          `import ${figures.importMs} ms · ${progressEvents} progress events, longest gap ${figures.maxProgressGapMs} ms (bar: 250 ms) · ` +
          `main thread busy ${figures.mainThreadBusyPercent}%, longest GC pause ${figures.maxGcPauseMs} ms · ` +
          `reference, a worker only burning CPU: longest ${figures.referenceMaxStallMs} ms`,
      );
    }
    return figures;
  } finally {
    await shutdownWorkerPool();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 200_000);
  await runStallBench({ records: count, inProcess: args.includes('--in-process') });
}

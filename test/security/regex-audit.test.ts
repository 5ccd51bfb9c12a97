/**
 * Every regular expression in the code (electron/, shared/, renderer/src), audited with recheck (an automaton-based ReDoS checker:
 * it proves a pattern linear, or finds the attack string; safe-regex2's star-height rule flagged half the
 * project's plain patterns and so could not be a gate): "toNumber" once had /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i, quadratic on a long digit run (one
 * 100,000-digit cell took 30 s and held the writer). The literals are read from the source, so a new one is
 * audited without anyone listing it here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { DATE_PATTERNS } from '../../electron/engine/mapping/dates.ts';
import { compileFunction } from '../../electron/engine/mapping/functions.ts';

const applyFunctionForTest = (name: string, value: unknown) => compileFunction(name)(value);

/** Every folder with code that runs: main, workers, engine, server, CLI, preload, the contract and the renderer. */
const ROOTS = ['electron', 'shared', 'renderer/src'];

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** Regex literals: a `/` where an expression starts (after ( , = : [ ! & | ? { ; return), up to its closing `/flags`. */
function regexLiterals(code: string): { source: string; flags: string; at: number }[] {
  const found: { source: string; flags: string; at: number }[] = [];
  const start = /(?:^|[(,=:[!&|?{;]|\breturn|\btest)\s*\/(?![/*])/gm;
  for (let m = start.exec(code); m; m = start.exec(code)) {
    let i = m.index + m[0].length;
    let inClass = false;
    let body = '';
    for (; i < code.length; i++) {
      const c = code[i]!;
      if (c === '\n') break;
      if (c === '\\') {
        body += c + code[i + 1];
        i++;
        continue;
      }
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      body += c;
    }
    if (code[i] !== '/') continue;
    const flags = /^[dgimsuyv]*/.exec(code.slice(i + 1))![0];
    try {
      new RegExp(body, flags);
      found.push({ source: body, flags, at: m.index });
    } catch {
      // Not a regex (a division that looked like one).
    }
  }
  return found;
}

/**
 * Polynomial in theory, bounded in practice: each runs only on input capped before it (file names: at most 255
 * bytes; date cells: MAX_DATE_TEXT). A new entry needs the cap named beside it.
 */
const BOUNDED = new Set<string>([
  // File names (a path segment is at most 255 bytes).
  '/\\.(br|brotli)(\\.(part\\d+|enc))*$/i',
  '/(\\.(gz|gzip|br|brotli|enc|part\\d+))+$/i',
  '/(\\.(gz|gzip|br|enc|age|part\\d+|\\d{3,}))+$/i',
  '/(\\.(gz|gzip|br|brotli|enc|age|part\\d+|\\d{3,}))+$/i',
  // Date readers (TIME's optional parts): never see more than MAX_DATE_TEXT (100) characters.
  ...DATE_PATTERNS().slice(0, 4).map(String),
]);

function isVulnerable(source: string, flags: string): boolean {
  const result = checkSync(source, flags, { timeout: 10_000 });
  if (result.status !== 'vulnerable') return false;
  // The automaton's verdict is a proof; the fuzzer's (patterns with lookarounds or backreferences) is a random
  // search that, on a loaded machine, now and then reports a linear pattern. A real one it finds every time.
  if (result.checker === 'automaton') return true;
  return checkSync(source, flags, { timeout: 10_000 }).status === 'vulnerable';
}

describe('every regex is linear', () => {
  const all = ROOTS.flatMap(sourceFiles).flatMap((file) => regexLiterals(fs.readFileSync(file, 'utf8')).map((r) => ({ ...r, file })));

  it('finds the regexes (the scanner works)', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all.some((r) => r.file.endsWith('functions.ts') && r.source.includes('e[+-]?'))).toBe(true);
  });

  it('recheck finds each literal in electron/, shared/ and renderer/src linear (or bounded, listed)', () => {
    const unsafe = all
      .filter((r) => !BOUNDED.has(`/${r.source}/${r.flags}`) && isVulnerable(r.source, r.flags))
      .map((r) => `${r.file}: /${r.source}/${r.flags}`);
    expect(unsafe).toEqual([]);
  }, 120_000);

  it('recheck finds the date readers (built with new RegExp) linear or bounded by MAX_DATE_TEXT', () => {
    const unsafe = DATE_PATTERNS()
      .filter((r) => !BOUNDED.has(String(r)) && isVulnerable(r.source, r.flags))
      .map(String);
    expect(unsafe).toEqual([]);
  }, 120_000);

  it('the old toNumber pattern is what the audit catches', () => {
    expect(isVulnerable('^[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?$', 'i')).toBe(true);
  });

  it('toNumber refuses a 100,000-digit cell at once instead of backtracking over it', () => {
    expect(() => applyFunctionForTest('toNumber', `${'1'.repeat(100_000)}x`)).toThrow(/not a number/);
    expect(applyFunctionForTest('toNumber', '1e5')).toBe(100000);
    expect(applyFunctionForTest('toNumber', '-.5')).toBe(-0.5);
    expect(applyFunctionForTest('toNumber', '3.')).toBe(3);
  });
});

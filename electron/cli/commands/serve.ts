/**
 * `context-store serve [--port 3000] [--host 127.0.0.1]`: the local REST API and the browser host, until
 * Ctrl+C. Prints the URL and the API token (created on first start and kept owner-only next to the store, or
 * taken from CONTEXT_STORE_TOKEN).
 */
import type { Command } from 'commander';
import { CliContext } from '../context.ts';
import { CliFailure } from '../output.ts';
import { EXIT } from '../exit-codes.ts';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../server/defaults.ts';
import { tokenFilePath } from '../../server/token.ts';
import { TOKEN_ENV } from '../../../shared/http.ts';
import { toErrorValue } from '../../../shared/errors.ts';

interface ServeFlags {
  port: string;
  host: string;
  json?: boolean;
  allowDir: string[];
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535)
    throw new CliFailure({ code: 'BAD_ARGUMENT', message: `--port must be a number from 0 to 65535, not "${raw}".`, field: 'port' }, EXIT.USAGE);
  return port;
}

export function registerServe(program: Command, cli: CliContext): void {
  program
    .command('serve')
    .description('serve the local REST API and the app in a browser (loopback only by default)')
    .option('--port <port>', 'the port to listen on (0 = any free port)', String(DEFAULT_PORT))
    .option('--host <host>', 'the address to bind', DEFAULT_HOST)
    .option('--json', 'print one JSON line { url, port, host, token } once listening')
    .option('--allow-dir <dir>', 'a folder REST imports may read besides uploads (repeatable)', (dir: string, all: string[]) => [...all, dir], [] as string[])
    .action(async (flags: ServeFlags) => {
      const port = parsePort(flags.port);
      // The server (Fastify and its plugins) and the logger load here, not when every other command starts.
      const [{ defaultStaticDir, startServer }, { configureLogging, log, logFileIn }, runner] = await Promise.all([
        import('../../server/index.ts'),
        import('../../engine/logging/logger.ts'),
        CliContext.runnerFactory(),
      ]);
      // A server's logs go to a rotating file next to the store (logs/context-store.log), not the terminal.
      configureLogging({ file: logFileIn(path.dirname(cli.storePath)) });
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({
          storePath: cli.storePath,
          host: flags.host,
          port,
          runner,
          allowDirs: flags.allowDir.map((dir) => path.resolve(dir)),
          // Someone probing for the token shows up on the terminal and in the log file, counted per route. What
          // was presented is never written: a near-miss token is still a secret.
          onAuthFailure: (route, count, remote) => {
            process.stderr.write(`auth: refused ${route} from ${remote ?? 'unknown'} (no valid token; ${count} refused on this route)\n`);
            log().warn({ route, remote: remote ?? 'unknown', refusedOnRoute: count }, 'authentication refused');
          },
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw new CliFailure(
            { code: 'CONFLICT', message: `Port ${port} on ${flags.host} is already in use; choose another with --port (0 = any free port).` },
            EXIT.FAILED,
          );
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
          throw new CliFailure({ code: 'BAD_ARGUMENT', message: `Cannot bind to ${flags.host}: not an address of this machine.`, field: 'host' }, EXIT.USAGE);
        if ((error as { name?: string }).name === 'AppError') throw new CliFailure(toErrorValue(error), EXIT.USAGE);
        throw error;
      }
      if (flags.json) {
        process.stdout.write(
          JSON.stringify({ url: server.url, openUrl: server.openUrl, host: server.host, port: server.port, token: server.token, storePath: cli.storePath }) +
            '\n',
        );
      } else {
        const tokenSource = process.env[TOKEN_ENV] ? `from ${TOKEN_ENV}` : `stored in ${tokenFilePath(cli.storePath)}`;
        process.stdout.write(
          [
            `Context Store is serving ${cli.storePath}`,
            `  Open the app:  ${server.openUrl}`,
            '                 (this link signs the browser in; the page itself holds no secret)',
            `  REST API:      ${server.url}/api/data-migration/...  with header "Authorization: Bearer <token>"`,
            `  Token:         ${server.token}  (${tokenSource})`,
            'Press Ctrl+C to stop.',
            '',
          ].join('\n'),
        );
        if (!fs.existsSync(path.join(defaultStaticDir(), 'index.html'))) {
          process.stderr.write(
            "note: the app's screens are not built yet (run `npx electron-vite build` in the project folder); the REST API works already.\n",
          );
        }
        if (!['127.0.0.1', 'localhost', '::1'].includes(flags.host)) {
          process.stderr.write(
            `warning: bound to ${flags.host}, not loopback: anyone who can reach this address and has the token can read and change the store.\n`,
          );
        }
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
    });
}

/**
 * `context-store tokens create|list|revoke`: named API tokens for `serve`, each with a scope (read, export,
 * import, admin; see electron/server/scopes.ts). A token is printed once; the store keeps only its hash.
 */
import type { Command } from 'commander';
import { toErrorValue } from '../../../shared/errors.ts';
import type { Store } from '../../engine/store/store.ts';
import { SCOPES } from '../../server/scopes.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../exit-codes.ts';
import { CliFailure, printJson } from '../output.ts';

type ApiTokens = typeof import('../../server/api-tokens.ts');

async function withStore<T>(cli: CliContext, run: (store: Store, tokens: ApiTokens) => T): Promise<T> {
  // The store and the token table load with the command that uses them, not at every start.
  const [{ Store }, tokens] = await Promise.all([import('../../engine/store/store.ts'), import('../../server/api-tokens.ts')]);
  const store = Store.open(cli.storePath);
  try {
    return run(store, tokens);
  } catch (error) {
    const value = toErrorValue(error);
    throw new CliFailure(value, value.code === 'CONFLICT' ? EXIT.FAILED : EXIT.USAGE);
  } finally {
    store.close();
  }
}

export function registerTokens(program: Command, cli: CliContext): void {
  const tokens = program.command('tokens').description('named API tokens for `serve`: create, list and revoke');

  tokens
    .command('create')
    .description('make a token (printed once; only its hash is stored)')
    .requiredOption('--name <name>', 'who or what uses it (recorded as the user of its operations)')
    .requiredOption('--scope <scope>', `what it may do: ${SCOPES.join(', ')}`)
    .option('--expires <when>', 'a duration (30d, 12h, 2w) or a date; never by default')
    .option('--json', 'print { name, scope, expiresAt, token } as one JSON line')
    .action(async (flags: { name: string; scope: string; expires?: string; json?: boolean }) => {
      const { token, expiresAt } = await withStore(cli, (store, { createApiToken, parseExpiry }) => {
        const expiresAt = flags.expires ? parseExpiry(flags.expires) : undefined;
        return { token: createApiToken(store.db, flags.name, flags.scope, expiresAt), expiresAt };
      });
      if (flags.json) return printJson({ name: flags.name, scope: flags.scope, expiresAt: expiresAt ?? null, token });
      process.stdout.write(
        [
          `Token "${flags.name}" (scope ${flags.scope}${expiresAt ? `, expires ${expiresAt}` : ''}):`,
          `  ${token}`,
          'It is shown only now; keep it somewhere safe. Send it as "Authorization: Bearer <token>".',
          '',
        ].join('\n'),
      );
    });

  tokens
    .command('list')
    .description('every token: name, scope, created, last used, expiry (never the token)')
    .option('--json', 'print one JSON array')
    .action(async (flags: { json?: boolean }) => {
      const list = await withStore(cli, (store, { listApiTokens }) => listApiTokens(store.db));
      if (flags.json) return printJson(list);
      if (list.length === 0)
        return void process.stdout.write('No named tokens. Create one with `context-store tokens create --name NAME --scope read|export|import|admin`.\n');
      const rows = [
        ['NAME', 'SCOPE', 'CREATED', 'LAST USED', 'EXPIRES'],
        ...list.map((t) => [t.name, t.scope, t.createdAt, t.lastUsedAt ?? 'never', t.expiresAt ?? 'never']),
      ];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const r of rows)
        process.stdout.write(
          `${r
            .map((c, i) => c.padEnd(widths[i]!))
            .join('  ')
            .trimEnd()}\n`,
        );
    });

  tokens
    .command('revoke')
    .description('delete a token: it stops working at once, also on a running server')
    .argument('<name>', 'the token name')
    .action(async (name: string) => {
      const removed = await withStore(cli, (store, { revokeApiToken }) => revokeApiToken(store.db, name));
      if (!removed)
        throw new CliFailure(
          { code: 'NOT_FOUND', message: `There is no token named "${name}" (see \`context-store tokens list\`).`, field: 'name' },
          EXIT.FAILED,
        );
      process.stdout.write(`Revoked "${name}".\n`);
    });
}

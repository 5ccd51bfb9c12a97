/**
 * The layers of the app as rules (npm run lint runs them; so does test/unit/layers.test.ts):
 *   shared/  imports nothing of ours and no Node module (the renderer imports it): only zod.
 *   renderer/  imports shared/ only: never the engine, Electron or Node.
 *   electron/engine/  never imports Electron, the main process, the server, the CLI or the renderer.
 *   inside the engine: store below formats and mapping, below pipeline, below operations, below service;
 *   store is the lowest of all (it holds the SQL): it imports none of the engine's other folders either.
 *   no cycles anywhere.
 */
const ENGINE = '^electron/engine/';
const ADAPTERS = '^electron/(main|preload|server|cli|workers)/';

/** A lower layer of the engine importing a higher one. */
const below = (name, from, higher) => ({
  name,
  comment: `electron/engine/${from} is below ${higher.join(', ')}: it may not import them`,
  severity: 'error',
  from: { path: `${ENGINE}${from}` },
  to: { path: `${ENGINE}(${higher.join('|')})` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes two modules one: split out what they share.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-imports-nothing-of-ours',
      comment: 'shared/ is the contract: every side imports it, so it imports none of them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: '^(shared/|node_modules/zod/)' },
    },
    {
      name: 'renderer-imports-only-shared',
      comment: 'The renderer talks to the engine through the contract, never by importing it (nor Electron or Node).',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron/|test/|scripts/)' },
    },
    {
      name: 'renderer-no-node-or-electron',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-electron-module',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'engine-no-adapters',
      comment: 'The engine runs in the CLI, the server, a worker and the app alike: it never imports them or Electron.',
      severity: 'error',
      from: { path: ENGINE },
      to: { path: [ADAPTERS, '^renderer/', '^node_modules/electron/'] },
    },
    below('store-below-the-rest', 'store/', [
      'formats',
      'mapping',
      'pipeline',
      'operations',
      'service\\.ts',
      'backup',
      'verify',
      'reimport',
      'envelope',
      'inputs',
      'sources',
      'logging',
      'templates\\.ts',
    ]),
    below('formats-below-pipeline', 'formats/', ['mapping', 'pipeline', 'operations', 'service\\.ts']),
    below('mapping-below-pipeline', 'mapping/', ['pipeline', 'operations', 'service\\.ts']),
    below('pipeline-below-operations', 'pipeline/', ['operations', 'service\\.ts']),
    below('operations-below-service', 'operations/', ['service\\.ts']),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs'],
    },
  },
};

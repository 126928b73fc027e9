/**
 * Lede's dependency rules, checked by `npm run lint:deps` (part of `npm test`).
 *
 * The core is a pipeline whose stages may import only the stages before them and the core's base modules
 * (src/core/*.ts: types, ports, the Store port, url, dates, errors, hash, …). Base modules import no stage.
 * The store implements the core's Store port; the runtimes (Node, Workers) sit outside and wire it all.
 * See README, "Architecture".
 */
const STAGES = ['schedule', 'config', 'pull', 'extract', 'signals', 'license', 'render', 'refresh', 'serve'];

/** One rule per stage: it may not import any stage after it. */
const upwardRules = STAGES.slice(0, -1).map((stage, index) => ({
  name: `no-upward-from-${stage}`,
  comment: `${stage} comes before ${STAGES.slice(index + 1).join(', ')}: it may not import them`,
  severity: 'error',
  from: { path: `^src/core/${stage}/` },
  to: { path: `^src/core/(${STAGES.slice(index + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Dependencies point one way: no module may reach itself again through its imports',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upwardRules,
    {
      name: 'base-imports-no-stage',
      comment: 'The core base modules (src/core/*.ts) are below every stage',
      severity: 'error',
      from: { path: '^src/core/[^/]+\\.ts$' },
      to: { path: `^src/core/(${STAGES.join('|')})/` },
    },
    {
      name: 'core-is-runtime-free',
      comment: 'The core receives its ports; it never imports the store, a runtime, Node built-ins or runtime packages',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        path: ['^src/(store|runtime)/', '^(node:|cloudflare:)', 'node_modules/(undici|node-cron|@hono/node-server)/'],
      },
    },
    {
      name: 'core-no-builtins',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'store-below-runtime',
      comment: 'The store implements a core port; the runtimes choose and wire a store, not the reverse',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/runtime/' },
    },
    {
      name: 'runtimes-apart',
      comment: 'The Node and Workers runtimes share only the core and the store',
      severity: 'error',
      from: { path: '^src/runtime/node/' },
      to: { path: '^src/runtime/worker/' },
    },
    {
      name: 'workers-runtime-apart',
      severity: 'error',
      from: { path: '^src/runtime/worker/' },
      to: { path: '^src/runtime/node/' },
    },
    {
      name: 'prom-client-node-only',
      comment:
        'Metrics are kept on Node (src/runtime/node/metrics.ts): the core and the Worker bundle never hold prom-client',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/runtime/node/' },
      to: { path: 'node_modules/prom-client/' },
    },
    {
      name: 'src-not-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

/**
 * The layers of docs/architecture.md, checked by dependency-cruiser (`npm run lint`). Each rule
 * names a layer and lists what it MAY import; anything else is an error. Static, dynamic
 * (`import()`) and type-only imports all count. Tests and benchmarks are not checked.
 */

/** A rule: files matching `from` may import only paths matching one of `may`. */
const layer = (name, comment, from, may, fromNot) => ({
  name,
  comment,
  severity: 'error',
  from: fromNot ? { path: from, pathNot: fromNot } : { path: from },
  to: { pathNot: may, dependencyTypesNot: ['core'] },
});

/** A rule: files matching `from` must not use node's own modules (pure code does no I/O). */
const noNode = (name, comment, from) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { dependencyTypes: ['core'] },
});

const CORE = '^lib/(model|wizard)/';
/** The services' pure type modules (no runtime code): the data the core's states carry. */
const SERVICE_TYPES = ['^services/proxmox-api\\.ts$', '^services/create-stages/types\\.ts$'];
/** lib outside the core and the terminal wiring: what `pvevm create` runs without a terminal. */
const LIB_APP = '^lib/(?!tui/|model/|wizard/)';
const BLESSED = '^node_modules/(blessed|@types/blessed)/';

module.exports = {
  forbidden: [
    layer(
      'pure-core',
      'lib/model and lib/wizard are the pure core: each other and yup, nothing of the terminal, the network or the app',
      CORE,
      [CORE, ...SERVICE_TYPES, '^node_modules/yup/'],
    ),
    noNode('pure-core-no-io', 'the pure core does no I/O', CORE),
    layer(
      'widgets',
      'widgets know nothing of Proxmox: blessed, blessed-contrib (only through widgets/contrib-pieces.ts) and each other',
      '^widgets/',
      ['^widgets/', BLESSED, '^node_modules/blessed-contrib/lib/widget/'],
    ),
    layer(
      'contrib-pieces',
      'blessed-contrib is required in one place, widget by widget (its index loads maps and Markdown)',
      '^widgets/',
      ['^widgets/', BLESSED],
      '^widgets/contrib-pieces\\.ts$',
    ),
    layer(
      'terminal-text',
      'widgets/terminal-text.ts is pure: of blessed only its Unicode tables',
      '^widgets/terminal-text\\.ts$',
      ['^node_modules/blessed/lib/unicode'],
    ),
    layer(
      'screens',
      'screens draw the wizard: widgets, the pure core and blessed; no HTTP, no app wiring',
      '^screens/',
      ['^screens/', '^widgets/', CORE, BLESSED],
    ),
    noNode('screens-no-io', 'screens do no I/O of their own', '^screens/'),
    layer(
      'lib-without-terminal',
      'lib outside model, wizard and tui: the app without a terminal (pvevm create runs it): no blessed, no widgets but terminal-text, no screens, no lib/tui, no direct axios',
      LIB_APP,
      [LIB_APP, CORE, '^services/', '^widgets/terminal-text\\.ts$', '^node_modules/yup/'],
    ),
    layer(
      'tui',
      'lib/tui wires the terminal: anything but the command line and the simulator',
      '^lib/tui/',
      ['^lib/', '^screens/', '^widgets/', '^services/(?!simulator/)', BLESSED],
    ),
    layer(
      'services',
      'services talk to Proxmox: each other and axios (and its largest dependencies, loaded one by one before it); no blessed, widgets, screens or lib; the client never reaches into the simulator',
      '^services/',
      [
        '^services/(?!simulator/)',
        '^node_modules/axios/',
        '^node_modules/(mime-db|form-data|follow-redirects|https-proxy-agent)/',
      ],
      '^services/simulator/',
    ),
    layer(
      'simulator',
      "the simulator stands alone: never the client's code, nothing of the app",
      '^services/simulator/',
      ['^services/simulator/'],
    ),
    {
      name: 'no-circular',
      comment: 'no import cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing would escape every rule',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|__tests__|bench)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

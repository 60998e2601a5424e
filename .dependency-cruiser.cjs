// The arrows of DESIGN.md ("Which part may use which"), checked by `npm run lint`:
//   cli → bot, admin, workers → cases, proposals, residents → queue → nlu, rules, villages → config, log
// An import that points up this list, or across between bot, admin and workers, fails the lint.
const CORE = '^src/(config|log)/';
const PURE = '^src/(nlu|rules|villages)/';
const SHELLS = ['ioredis', 'bullmq', 'wechaty', 'wechaty-puppet-[^/]+', 'fastify', '@fastify/[^/]+', 'fastify-[^/]+'];
// A package as resolved (node_modules/…) or, where its exports map defeats the resolver (wechaty), by name.
const npm = (names) => `^(node_modules/)?(${names.join('|')})(/|$)`;

module.exports = {
  forbidden: [
    {
      name: 'core-is-the-bottom',
      comment: 'config and log are below everything: they import no other part',
      severity: 'error',
      from: { path: CORE },
      to: { path: '^src/', pathNot: CORE },
    },
    {
      name: 'understanding-is-pure',
      comment: 'nlu, rules and villages import only each other, config and log — no queue, case, bot or admin code',
      severity: 'error',
      from: { path: PURE },
      to: { path: '^src/', pathNot: `${PURE}|${CORE}` },
    },
    {
      name: 'understanding-has-no-shells',
      comment: 'nlu, rules and villages are pure: no Redis, no queues, no WeChat, no HTTP',
      severity: 'error',
      from: { path: PURE },
      to: { path: npm(SHELLS) },
    },
    {
      name: 'queue-below-cases',
      comment: 'the queues carry job contracts; cases, proposals and residents use them, never the other way',
      severity: 'error',
      from: { path: '^src/queue/' },
      to: { path: '^src/(cases|proposals|residents|bot|admin|workers|cli)/' },
    },
    {
      name: 'cases-below-the-shells',
      comment: 'cases, proposals and residents know nothing of the bot, the admin service, the workers or the CLI',
      severity: 'error',
      from: { path: '^src/(cases|proposals|residents)/' },
      to: { path: '^src/(bot|admin|workers|cli)/' },
    },
    {
      name: 'proposals-below-cases',
      comment: 'the case service carries proposal steps; proposals do not reach back into cases',
      severity: 'error',
      from: { path: '^src/proposals/' },
      to: { path: '^src/cases/' },
    },
    {
      name: 'bot-admin-workers-apart',
      comment: 'bot, admin and workers meet only in queues and the case store, never in each other’s code',
      severity: 'error',
      from: { path: '^src/(bot|admin|workers)/' },
      // $1 is the folder the import is in: bot may import bot.
      to: { path: '^src/(bot|admin|workers)/', pathNot: '^src/$1/' },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'wechaty-only-in-bot',
      comment: 'nothing below bot knows Wechaty’s types',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(bot|cli)/' },
      to: { path: npm(['wechaty', 'wechaty-puppet-[^/]+']) },
    },
    {
      name: 'fastify-only-in-admin',
      comment: 'nothing below admin knows Fastify’s',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(admin|cli)/' },
      to: { path: npm(['fastify', '@fastify/[^/]+', 'fastify-[^/]+', '@bull-board/[^/]+']) },
    },
    {
      name: 'no-cycles',
      comment: 'no import cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

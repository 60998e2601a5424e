import { describeFailure } from './errors.js';

type Command = { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number | undefined> }> };

// Commands load lazily: `classify` must not pay for Wechaty, Fastify or BullMQ.
const COMMANDS: Record<string, Command> = {
  classify: { summary: 'JSON lines {id,text,mentioned} → intents', load: () => import('./commands/classify.js') },
  excerpt: {
    summary: '--rules FILE; JSON lines {id,question} → articles',
    load: () => import('./commands/excerpt.js'),
  },
  rules: {
    summary: 'check FILE; how the 村规民约 were read (articles, sections, warnings)',
    load: () => import('./commands/rules.js'),
  },
  guide: {
    summary: '--file 办事指南.md; JSON lines {id,question} → guide items',
    load: () => import('./commands/guide.js'),
  },
  simulate: {
    summary: '--villages DIR; play a conversation script on the mock puppet',
    load: () => import('./commands/simulate.js'),
  },
  start: {
    summary: 'production: WeChat (wechat4u), workers, admin service',
    load: () => import('./commands/start.js'),
  },
  demo: { summary: 'the whole flow on the mock puppet with a web page', load: () => import('./commands/demo.js') },
  admin: {
    summary: '--villages DIR --port N; admin service and workers, no WeChat',
    load: () => import('./commands/admin.js'),
  },
  users: { summary: 'add | list | disable admin users', load: () => import('./commands/users.js') },
  intents: {
    summary: 'export-corrections: corrected intents as training examples',
    load: () => import('./commands/intents.js'),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: cunbot <command> [options]\n\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`cunbot: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return (await mod.run(rest)) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const { text, code } = describeFailure(err);
    process.stderr.write(`cunbot: ${text}\n`);
    process.exitCode = code;
  },
);

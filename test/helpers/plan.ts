import { type Incoming, type Plan, type PlanInput, plan } from '../../src/bot/plan.js';
import { policyFromConfig } from '../../src/bot/policy.js';
import { withRouting } from '../../src/cases/routing.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../src/cases/templates.js';
import { loadConfig } from '../../src/config/env.js';
import { understand } from '../../src/nlu/index.js';
import { loadVillages } from '../../src/villages/load.js';

/** The bot's decisions alone, on the sample village: no Redis, no WeChat. */
export const villages = withRouting(loadVillages('villages'));
export const xihe = villages[0]!;
export const templates = Templates.load(DEFAULT_TEMPLATES_DIR);
export const ROOM = '西河村村民群';
/** The production policy with no cooldowns: tests about them set their own. */
export const policy = policyFromConfig(
  loadConfig({}),
  villages.map((v) => v.village),
  { residentCooldownMs: 0, roomCooldownMs: 0 },
);

/** A message from 王大伯 with the given defaults (room, time), and what the bot decides on one. */
export function planning(defaults: Partial<Incoming> & Pick<Incoming, 'at'>) {
  const message = (over: Partial<Incoming>): Incoming => ({
    id: 'm1',
    room: ROOM,
    from: '王大伯',
    kind: 'text',
    text: '',
    mentioned: false,
    ...defaults,
    ...over,
  });
  const decide = (over: Partial<Incoming>, extra: Partial<PlanInput> = {}): Plan => {
    const msg = message(over);
    const understanding =
      msg.kind === 'text' ? understand(msg.text, { mentioned: msg.room === null || msg.mentioned }) : null;
    return plan({ msg, village: xihe, understanding, cases: [], policy, templates, ...extra });
  };
  return { message, decide };
}

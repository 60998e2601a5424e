import type { MockWorld } from '../../bot/mock.js';
import { villageActor } from '../../cases/access.js';
import type { LoadedVillage } from '../../villages/load.js';
import type { Spine } from '../spine.js';

interface Speaker {
  say(input: { from: string; text: string; room: string | null; mentioned: boolean }): Promise<void>;
}

/** The roster residents the demo binds: two migrants (在外), who get the consultation privately. */
export function demoMigrants(v: LoadedVillage): string[] {
  const roster = v.residents ?? [];
  const unique = roster.filter((r) => roster.filter((x) => x.name === r.name).length === 1);
  return unique
    .filter((r) => r.away)
    .slice(0, 2)
    .map((r) => r.name);
}

/**
 * The demo's consultation: two migrants bound, a resident's proposal in the group, the committee opening 意见征集
 * for three days, and one migrant's voice, so the workbench's proposal page has a live tally on first look.
 */
export async function openDemoConsultation(spine: Spine, world: MockWorld, chat: Speaker, v: LoadedVillage) {
  const migrants = demoMigrants(v);
  if (migrants.length === 0) return;
  const actor = villageActor([v.village], v.village.committee.members[0]!.name);
  for (const name of migrants) {
    world.contact(name);
    await spine.bindings.bind(actor, v.village.id, name, { name });
  }
  await chat.say({
    room: v.village.rooms[0]!,
    from: '赵小军',
    text: '建议把村部到小学那段土路修成水泥路，下雨天孩子上学一脚泥',
    mentioned: true,
  });
  await spine.idle();
  const proposal = (await spine.store.list({ villages: [v.village.id], intent: 'proposal', limit: 1 })).items[0];
  if (!proposal) return;
  await spine.consult.start(actor, proposal.id, '村部到小学道路硬化（村集体出资），请大家发表意见', 72);
  await spine.idle();
  await chat.say({ room: null, from: migrants[0]!, text: '支持，路修好了我们回家也方便', mentioned: false });
}

import type { BindingService } from '../cases/binding.js';
import type { ConsultService } from '../cases/consult.js';
import type { CaseStore } from '../cases/store.js';
import type { Templates } from '../cases/templates.js';
import { jobIdFor } from '../queue/names.js';
import type { Outbox } from '../queue/outbound.js';
import type { ResidentStore } from '../residents/store.js';
import type { Incoming } from './plan.js';
import { type CivicPlan, type CivicView, civicNeeds } from './plan-vote.js';

export interface CivicDeps {
  bindings: BindingService;
  consult: ConsultService;
  residents: ResidentStore;
  store: CaseStore;
  outbox: Outbox;
  templates: Templates;
}

/** The shell around plan-vote.ts: reads what it needs, carries the civic plan out, answers privately. */
export class Civic {
  constructor(private readonly deps: CivicDeps) {}

  /** Who wrote (setting the bot's remark on a bound friend found by name), and what the text may concern. */
  async view(msg: Incoming, village: string): Promise<CivicView> {
    const known = await this.deps.bindings.whoIs(village, { name: msg.from, alias: msg.alias });
    if (known && msg.alias !== known.binding.tag) await msg.remark?.(known.binding.tag);
    const needs = civicNeeds(msg.text);
    const [open, proposals] = await Promise.all([
      needs.open ? this.deps.consult.answerable(village) : [],
      needs.proposals
        ? this.deps.store
            .list({ villages: [village], intent: 'proposal', limit: 100 })
            .then((p) => p.items.map((c) => ({ caseId: c.id, number: c.number, words: c.text })))
        : [],
    ]);
    return { known, open, proposals };
  }

  /** The villages among these where the contact writing privately is bound to a roster entry. */
  boundIn(villages: readonly string[], msg: Pick<Incoming, 'from' | 'alias'>): Promise<string[]> {
    return this.deps.residents.boundIn(villages, { name: msg.from, alias: msg.alias });
  }

  /** Carries a civic plan out; answers go privately (a voice is nobody else's business), a proposal's step where asked. */
  async carryOut(msg: Incoming, village: string, known: CivicView['known'], p: CivicPlan): Promise<string> {
    const t = this.deps.templates;
    let text: string;
    switch (p.kind) {
      case 'vote':
        text = await this.deps.consult.answer(msg.from, known, p.caseId, p);
        break;
      case 'which':
        text = t.render('vote_which', {
          list: p.among.map((c) => `${c.number}（${c.words.slice(0, 20)}）`).join('；'),
          example: p.among[0]!.number,
        });
        break;
      case 'status': {
        const c = await this.deps.store.get(p.caseId);
        text = c ? await this.deps.consult.status(c) : '';
        break;
      }
      case 'bind_request':
        text = await this.deps.bindings.request(village, msg.from, msg.text, p.query);
        break;
      case 'quiet':
        await this.deps.residents.setQuiet(village, known!.resident.id, p.quiet);
        text = t.render(p.quiet ? 'quiet_on' : 'quiet_off', {});
        break;
    }
    if (text) {
      const to =
        p.kind === 'status' && msg.room !== null
          ? { kind: 'room' as const, topic: msg.room, mention: msg.from }
          : { kind: 'contact' as const, name: msg.from };
      await this.deps.outbox.send({ to, text, village }, jobIdFor('civic', `${village}|${msg.room ?? 'p'}|${msg.id}`));
    }
    return p.kind;
  }
}

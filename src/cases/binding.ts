import { ForbiddenError, UserFacingError } from '../config/errors.js';
import { jobIdFor } from '../queue/names.js';
import type { OutboundInput, Outbox } from '../queue/outbound.js';
import { aliasTag, type EntryQuery, matchEntry } from '../residents/bind.js';
import type { Binding, BindRequest, ResidentStore } from '../residents/store.js';
import type { LoadedVillage } from '../villages/load.js';
import type { Resident } from '../villages/residents.js';
import type { Actor } from './access.js';
import type { Templates } from './templates.js';

/** A resident as the bot knows them now: bound to a roster entry, or not. */
export interface Known {
  binding: Binding;
  resident: Resident;
}

/** The case key of a bound resident: the roster entry, whatever name or chat they write from. */
export const boundKey = (village: string, resident: string) => `${village}:r:${resident}`;

export interface BindingDeps {
  residents: ResidentStore;
  outbox: Outbox;
  villages: readonly LoadedVillage[];
  templates: Templates;
  now: () => Date;
}

/** Binding WeChat contacts to 村民名册 entries: by the committee, or asked for by the resident and confirmed. */
export class BindingService {
  constructor(private readonly deps: BindingDeps) {}

  roster(village: string): Resident[] {
    return this.deps.villages.find((v) => v.village.id === village)?.residents ?? [];
  }

  /** Who wrote, when bound; the remark found by name is the one the bot should set (see `aliasTag`). */
  async whoIs(village: string, who: { name: string; alias?: string | undefined }): Promise<Known | null> {
    const binding = await this.deps.residents.find(village, who);
    const resident = binding && this.roster(village).find((r) => r.id === binding.resident);
    return binding && resident ? { binding, resident } : null;
  }

  private assertCommittee(actor: Actor, village: string) {
    if (!actor.villages.includes(village) || (actor.role !== 'committee' && actor.role !== 'admin')) {
      throw new ForbiddenError(`${actor.id} may not bind residents of ${village}`, '只有本村村两委可以核实村民身份。');
    }
  }

  /** The committee binds a WeChat display name to one roster entry; an ambiguous name is refused with the reason. */
  async bind(actor: Actor, village: string, wechatName: string, query: EntryQuery): Promise<Known> {
    this.assertCommittee(actor, village);
    const match = matchEntry(this.roster(village), query);
    if (!match.ok) throw new UserFacingError(match.en, match.zh, 409);
    const binding: Binding = {
      resident: match.resident.id,
      tag: aliasTag(match.resident),
      wechatName,
      by: actor.id,
      at: this.deps.now().toISOString(),
      quiet: false,
    };
    await this.deps.residents.bind(village, binding);
    await this.tell(village, wechatName, this.deps.templates.render('bind_confirmed', match.resident), binding.at);
    return { binding, resident: match.resident };
  }

  /** The committee confirms a resident's own request (the workbench's residents page). */
  async confirm(actor: Actor, village: string, wechatName: string, query?: EntryQuery): Promise<Known> {
    this.assertCommittee(actor, village);
    const asked = (await this.deps.residents.pending(village)).find((r) => r.wechatName === wechatName);
    const resident = this.roster(village).find((r) => r.id === asked?.resident);
    const named = query ?? (resident && { name: resident.name, household: resident.household, group: resident.group });
    if (!named) throw new UserFacingError(`no single roster entry for ${wechatName}`, '请选择名册里对应的村民。', 409);
    return this.bind(actor, village, wechatName, named);
  }

  /** A resident's "我是四组的孙国平，想登记": kept for the committee, answered at once. */
  async request(village: string, wechatName: string, text: string, query: EntryQuery): Promise<string> {
    const match = matchEntry(this.roster(village), query);
    const request: BindRequest = {
      wechatName,
      text,
      at: this.deps.now().toISOString(),
      ...(match.ok ? { resident: match.resident.id } : { problem: match.zh }),
    };
    await this.deps.residents.request(village, request);
    return match.ok
      ? this.deps.templates.render('bind_requested', match.resident)
      : this.deps.templates.render('bind_unclear', { problem: match.zh });
  }

  pending(village: string): Promise<BindRequest[]> {
    return this.deps.residents.pending(village);
  }

  bindings(village: string): Promise<Binding[]> {
    return this.deps.residents.all(village);
  }

  private async tell(village: string, name: string, text: string, key: string) {
    const msg: OutboundInput = { to: { kind: 'contact', name }, text, village };
    await this.deps.outbox.send(msg, jobIdFor('bind', `${village}|${name}|${key}`));
  }
}

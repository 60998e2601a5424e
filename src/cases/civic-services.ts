import type { Redis } from 'ioredis';
import { ConsultationStore } from '../proposals/consult-store.js';
import type { ProposalStore } from '../proposals/store.js';
import type { Outbox } from '../queue/outbound.js';
import { TimerStore } from '../queue/timers.js';
import { ResidentStore } from '../residents/store.js';
import type { LoadedVillage } from '../villages/load.js';
import { BindingService } from './binding.js';
import { ConsultService } from './consult.js';
import type { CaseStore } from './store.js';
import type { Templates } from './templates.js';

/** Bindings and consultations over one Redis, built alike by the spine and a separate admin process. */
export function civicServices(deps: {
  redis: Redis;
  prefix: string;
  store: CaseStore;
  proposals: ProposalStore;
  outbox: Outbox;
  villages: readonly LoadedVillage[];
  templates: Templates;
  botName: string;
}): { residents: ResidentStore; bindings: BindingService; consult: ConsultService } {
  const residents = new ResidentStore(deps.redis, deps.prefix);
  const bindings = new BindingService({ ...deps, residents, now: () => deps.store.clock.now() });
  const consult = new ConsultService({
    ...deps,
    consultations: new ConsultationStore(deps.redis, deps.prefix),
    timers: new TimerStore(deps.redis, deps.prefix),
    residents,
    bindings,
  });
  return { residents, bindings, consult };
}

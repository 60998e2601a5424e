import type { Redis } from 'ioredis';
import { advance, type Proposal, ProposalError, ProposalSchema, type Stage, type Votes } from './process.js';

/** Proposals in Redis, one JSON value per case (`<prefix>:proposals:<caseId>`), changed with optimistic locking. */
export class ProposalStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(caseId: string): string {
    return `${this.prefix}:proposals:${caseId}`;
  }

  async get(caseId: string): Promise<Proposal | undefined> {
    const raw = await this.redis.get(this.key(caseId));
    return raw ? ProposalSchema.parse(JSON.parse(raw)) : undefined;
  }

  async getMany(caseIds: readonly string[]): Promise<Map<string, Proposal>> {
    if (caseIds.length === 0) return new Map();
    const raws = await this.redis.mget(...caseIds.map((id) => this.key(id)));
    const out = new Map<string, Proposal>();
    raws.forEach((raw, i) => {
      if (raw) out.set(caseIds[i]!, ProposalSchema.parse(JSON.parse(raw)));
    });
    return out;
  }

  /** Advances a proposal one stage; of two people clicking at once, only one moves it (compare-and-set). */
  async advance(
    input: {
      caseId: string;
      village: string;
      stage: Stage;
      note: string;
      actor: string;
      votes?: Votes | undefined;
    },
    at: Date,
  ): Promise<Proposal> {
    const key = this.key(input.caseId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const raw = await this.redis.get(key);
      const next = advance(raw ? ProposalSchema.parse(JSON.parse(raw)) : undefined, input, at);
      const swapped = await this.redis.eval(COMPARE_AND_SET, 1, key, raw ?? '', JSON.stringify(next));
      if (swapped === 1) return next;
    }
    throw new ProposalError('the proposal kept changing; try again', '这项议事刚被别人改过，请刷新后再试。');
  }
}

// The connection is shared with queues and workers, so WATCH/MULTI (per connection) would not be safe.
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;

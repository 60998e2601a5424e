/** Every Redis key name of the case store (`<prefix>:cases:…`), apart from BullMQ's, in one place. */
export class CaseKeys {
  readonly base: string;
  /** Every case, by inbox rank. */
  readonly rank: string;
  /** Open cases not yet overdue, scored by deadline. */
  readonly due: string;
  readonly urgent: string;
  readonly overdue: string;
  /** One hash of inbox rows, field = case id: a page of them is a single HMGET. */
  readonly summaries: string;
  /** Hashes: case number → id, message key → id. */
  readonly byNumber: string;
  readonly bySource: string;

  constructor(prefix: string) {
    const base = `${prefix}:cases`;
    this.base = base;
    this.rank = `${base}:rank`;
    this.due = `${base}:due`;
    this.urgent = `${base}:urgent`;
    this.overdue = `${base}:overdue`;
    this.summaries = `${base}:sum`;
    this.byNumber = `${base}:num`;
    this.bySource = `${base}:src`;
  }

  /** A hash: the case's JSON and its revision (compare-and-set). */
  case = (id: string) => `${this.base}:c:${id}`;
  /** The id of a resident's open case (residentKey is village + display name). */
  open = (residentKey: string) => `${this.base}:open:${residentKey}`;
  /** The closed case whose 回访 answer a resident still owes (residentKey is village + display name). */
  survey = (residentKey: string) => `${this.base}:survey:${residentKey}`;
  /** Sorted set of a resident's cases by receipt time. */
  resident = (residentKey: string) => `${this.base}:res:${residentKey}`;
  /** Sorted sets scored by inbox rank: per village, status, intent. */
  village = (v: string) => `${this.base}:v:${v}`;
  status = (s: string) => `${this.base}:s:${s}`;
  /** Per village, the cases still waiting (lifecycle OPEN_STATUSES): the default inbox in one read. */
  villageOpen = (v: string) => `${this.base}:vo:${v}`;
  intent = (i: string) => `${this.base}:i:${i}`;
  /** Per village, scored by receipt time: statistics and exports by date range. */
  received = (v: string) => `${this.base}:t:${v}`;
  /** The case number taken for a message, and the day's sequence per prefix. */
  allocation = (sourceKey: string) => `${this.base}:alloc:${sourceKey}`;
  sequence = (prefix: string, ymd: string) => `${this.base}:seq:${prefix}:${ymd}`;
  /** Sorted sets of the cases each owner holds (`mine=1`), scored by inbox rank. */
  owner = (name: string) => `${this.base}:o:${name}`;
  /** Search index (search.ts): the ids of the cases whose words contain this gram, all scored 0. */
  gram = (gram: string) => `${this.base}:q:${gram}`;
  /** Pub/sub channel of case changes (events.ts), for the workbench's live pages in every process. */
  get events() {
    return `${this.base}:events`;
  }
  /** The version of the indexes the stored cases are in (reindexOnce brings older data up to INDEX_VERSION). */
  get indexVersion() {
    return `${this.base}:index-version`;
  }
  /** A temporary set a query builds and deletes in the same pipeline. */
  temp = () => `${this.base}:tmp:${process.pid}:${Math.random().toString(36).slice(2)}`;
}

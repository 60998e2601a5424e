import type { Case, CaseStatus, Owner } from '../cases/schema.js';
import type { Intent } from '../nlu/types.js';

/** What the admin service needs from the case store and the case actions (the spine provides both). */
export interface CaseFilter {
  villages: string[];
  status?: CaseStatus;
  intent?: Intent;
  urgent?: boolean;
  overdue?: boolean;
  limit?: number;
  offset?: number;
}

export interface CaseReader {
  get(id: string): Promise<Case | null | undefined>;
  list(filter: CaseFilter): Promise<{ cases: Case[]; total: number }>;
}

export interface CaseActions {
  replyToCase(id: string, input: { text: string; internal: boolean; actor: string }): Promise<Case>;
  setStatus(id: string, status: CaseStatus, actor: string, note?: string): Promise<Case>;
  correctIntent(id: string, intent: Intent, actor: string): Promise<Case>;
  reassign(id: string, owner: Owner, actor: string): Promise<Case>;
  escalate(id: string, note: string, actor: string): Promise<Case>;
}

/** A line in the demo's simulated chat: the group, or a private chat between the bot and one resident. */
export interface ChatLine {
  seq: number;
  at: string;
  /** The room topic, or "private:<resident name>". */
  chat: string;
  from: string;
  text: string;
  fromBot: boolean;
}

/** The demo's village chat, played on the mock puppet by the CLI and shown on /demo. */
export interface DemoChat {
  rooms(): string[];
  residents(): string[];
  say(input: { from: string; text: string; room: string | null; mentioned: boolean }): Promise<void>;
  since(seq: number): ChatLine[];
}

import type { Known } from '../cases/binding.js';
import type { Understanding } from '../nlu/types.js';
import type { Choice } from '../proposals/consultation.js';
import { namedProposal, parseVoice } from '../proposals/voice.js';
import { type EntryQuery, parseBindRequest } from '../residents/bind.js';

/** The part of an incoming message (plan.ts's Incoming) the civic decisions read. */
export interface CivicMessage {
  room: string | null;
  text: string;
  mentioned: boolean;
}

/** What the civic decisions need from Redis, read by the shell before planning. */
export interface CivicView {
  /** The roster entry the writer is bound to. */
  known: Known | null;
  /** The village's open consultations (loaded only when the text reads as a voice). */
  open: ReadonlyArray<{ caseId: string; number: string; words: string }>;
  /** The village's proposals (loaded only when the text asks how far something has got). */
  proposals: ReadonlyArray<{ caseId: string; number: string; words: string }>;
}

/** A message that is a villager taking part: a voice, a status question, a request to be bound, an opt-out. */
export type CivicPlan =
  | { action: 'civic'; kind: 'vote'; caseId: string; choice: Choice; reason?: string; via: string }
  | { action: 'civic'; kind: 'which'; among: ReadonlyArray<{ number: string; words: string }> }
  | { action: 'civic'; kind: 'status'; caseId: string }
  | { action: 'civic'; kind: 'bind_request'; query: EntryQuery }
  | { action: 'civic'; kind: 'quiet'; quiet: boolean };

const STATUS = /到哪一?步|哪一步了|什么进展|进展(如何|怎么样)?|进度|怎么样了|到哪了|办到哪/;
const QUIET_ON = /(不用|不要|别|无需|不必)(再)?(私信)?通知我|退订/;
const QUIET_OFF = /恢复通知/;

/** Which parts of the view a text needs, so most messages cost no extra read. */
export function civicNeeds(text: string): { open: boolean; proposals: boolean } {
  return { open: parseVoice(text) !== null, proposals: STATUS.test(text) };
}

/** The civic decision for a message, or null when it is none of these (the ordinary plan goes on). */
export function planCivic(msg: CivicMessage, u: Understanding, view: CivicView): CivicPlan | null {
  const privately = msg.room === null;
  const addressed = privately || msg.mentioned;
  if (privately && QUIET_OFF.test(msg.text) && view.known) return { action: 'civic', kind: 'quiet', quiet: false };
  if (privately && QUIET_ON.test(msg.text) && view.known) return { action: 'civic', kind: 'quiet', quiet: true };
  if (privately) {
    const query = parseBindRequest(msg.text);
    if (query) return { action: 'civic', kind: 'bind_request', query };
  }
  if ((addressed || u.wouldReply) && STATUS.test(msg.text)) {
    const named = namedProposal(msg.text.replace(STATUS, ''), view.proposals);
    if (named) return { action: 'civic', kind: 'status', caseId: named.caseId };
  }
  const voice = addressed && view.open.length > 0 ? parseVoice(msg.text) : null;
  if (!voice) return null;
  const target =
    (voice.number && view.open.find((c) => c.number === voice.number)) ||
    (view.open.length === 1 && !voice.number ? view.open[0] : namedProposal(voice.words, view.open));
  if (!target) return { action: 'civic', kind: 'which', among: view.open };
  return {
    action: 'civic',
    kind: 'vote',
    caseId: target.caseId,
    choice: voice.choice,
    ...(voice.reason ? { reason: voice.reason } : {}),
    via: privately ? '私聊' : msg.room!,
  };
}

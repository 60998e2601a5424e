import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { topicConcepts } from '../nlu/topics.js';
import { IntentSchema } from '../nlu/types.js';
import { advisorFor, dutyMember, type LoadedVillage } from '../villages/load.js';
import { casePrefixOf, DUTY_KINDS, type DutyKind, type Village } from '../villages/schema.js';
import { type Owner, type SlaKind, SlaKindSchema } from './schema.js';

export const ROUTING_FILE = 'routing.json';

/**
 * Who takes a case: "advisor" (the legal advisor for the message's topics), a committee duty read from roles and
 * duties in village.json, or a person by name.
 */
const OwnerRefSchema = z.union([
  z.literal('advisor'),
  z.enum(DUTY_KINDS),
  z.object({ name: z.string().min(1, 'is empty — write the name of a legal advisor or committee member') }),
]);

// A topic the classifier never reports would make its route silently dead, so a table naming one is refused.
const TopicSchema = z
  .string()
  .min(1)
  .refine((t) => topicConcepts().includes(t), {
    error: (issue) =>
      `"${String(issue.input)}" is not a topic cunbot recognises — use one of: ${topicConcepts().join(' ')}`,
  });

/** One line of the 派单目录: the first route whose conditions all hold decides owner and SLA kind. */
const RouteSchema = z.object({
  intent: IntentSchema.optional(),
  /** Any of these topic concepts found in the message (宅基地, 婚姻家庭, …), as `topicsOf` names them. */
  topics: z.array(TopicSchema).optional(),
  /** Any of these words written in the message (停水, 路灯, …). */
  keywords: z.array(z.string().min(1)).optional(),
  owner: OwnerRefSchema,
  sla: SlaKindSchema.optional(),
});

export const RoutingSchema = z.object({ routes: z.array(RouteSchema).min(1, 'is empty — list at least one route') });
export type Routing = z.infer<typeof RoutingSchema>;
export type Route = z.infer<typeof RouteSchema>;

/** Used when a village has no routing.json; the same table is the example to copy. */
export const DEFAULT_ROUTING: Routing = {
  routes: [
    { intent: 'legal_question', owner: 'advisor' },
    {
      intent: 'dispute_report',
      topics: ['土地', '宅基地', '承包流转', '征地补偿'],
      owner: 'mediation',
      sla: 'complex',
    },
    { intent: 'dispute_report', owner: 'mediation' },
    {
      intent: 'service_request',
      // The topic, not a word list: "村口那段路坑坑洼洼的" names none of the words and is still a road.
      topics: ['水电路灯'],
      owner: 'infrastructure',
      sla: 'utility',
    },
    { intent: 'service_request', owner: 'services' },
    { intent: 'proposal', owner: 'secretary', sla: 'complex' },
    { owner: 'secretary' },
  ],
};

export class RoutingError extends Error {
  override name = 'RoutingError';
}

/** Reads `<villageDir>/routing.json`, or the default table when the file is absent. Throws RoutingError. */
export function loadRouting(villageDir: string): Routing {
  const file = join(villageDir, ROUTING_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return DEFAULT_ROUTING;
    throw new RoutingError(`${file}: not valid JSON (${e.message}) — fix the syntax`);
  }
  const parsed = RoutingSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(top)'} ${i.message}`);
    throw new RoutingError(lines.join('\n'));
  }
  return parsed.data;
}

export interface RouteInput {
  intent: z.infer<typeof IntentSchema>;
  urgent: boolean;
  topics: readonly string[];
  text: string;
}

export interface RouteDecision {
  owner: Owner;
  slaKind: SlaKind;
}

function matches(route: Route, input: RouteInput): boolean {
  if (route.intent && route.intent !== input.intent) return false;
  if (route.topics && !route.topics.some((t) => input.topics.includes(t))) return false;
  if (route.keywords && !route.keywords.some((k) => input.text.includes(k))) return false;
  return true;
}

function resolveOwner(village: Village, ref: Route['owner'], topics: readonly string[]): Owner {
  if (ref === 'advisor') {
    const a = advisorFor(village, topics);
    return { name: a.name, role: '法律顾问', phone: a.phone, kind: 'advisor' };
  }
  if (typeof ref === 'string') {
    const m = dutyMember(village, ref as DutyKind);
    return { name: m.name, role: m.role, phone: m.phone, kind: 'committee' };
  }
  const advisor = village.legalAdvisors.find((a) => a.name === ref.name);
  if (advisor) return { name: advisor.name, role: '法律顾问', phone: advisor.phone, kind: 'advisor' };
  const member = village.committee.members.find((m) => m.name === ref.name);
  if (member) return { name: member.name, role: member.role, phone: member.phone, kind: 'committee' };
  // A name that left the committee must not strand the case: the secretary takes it.
  const secretary = dutyMember(village, 'secretary');
  return { name: secretary.name, role: secretary.role, phone: secretary.phone, kind: 'committee' };
}

/** Owner and SLA kind for a case; urgent always gets the urgent grade and the member on duty. */
export function route(village: Village, routing: Routing, input: RouteInput): RouteDecision {
  const hit = routing.routes.find((r) => matches(r, input)) ?? { owner: 'secretary' as const };
  // Danger to life or property goes to the member on duty (治保), who can act within the hour, not to an advisor.
  const owner = resolveOwner(village, input.urgent ? 'security' : hit.owner, input.topics);
  const slaKind: SlaKind = input.urgent ? 'urgent' : (hit.sla ?? 'general');
  return { owner, slaKind };
}

/** A loaded village with what the spine adds: its routing table and its case-number prefix. */
export interface RoutedVillage extends LoadedVillage {
  routing: Routing;
  prefix: string;
}

/** Reads each village's routing.json (or the default); a bad file throws a RoutingError naming it. */
export function withRouting(villages: readonly LoadedVillage[]): RoutedVillage[] {
  return villages.map((v) => ({ ...v, routing: loadRouting(v.dir), prefix: casePrefixOf(v.village) }));
}

import { classifyFeatures, loadModel } from './classifier.js';
import { featuresOf, MAX_CHARS } from './features.js';
import { maskEntities } from './mask.js';
import { DEFAULT_BOT_NAME, normalize } from './normalize.js';
import { isClosing, signalsOf, wouldReply } from './policy.js';
import { sensitiveOf } from './sensitive.js';
import { topicsOf } from './topics.js';
import type { Understanding } from './types.js';
import { dangerHits, emergencyOf } from './urgency.js';

export interface UnderstandOptions {
  mentioned?: boolean;
  /** The bot's name in the group (or every name it goes by), whose @-mention is removed. */
  botName?: string | readonly string[];
}

/** Loads the model, dictionaries and lexicons now rather than on the first message. */
export function warmUp(): void {
  loadModel();
  understand('你好');
}

/** What a message says and whether the bot should speak. Sync and pure once the model is loaded. */
export function understand(text: string, opts: UnderstandOptions = {}): Understanding {
  const mentioned = opts.mentioned ?? false;
  // A forwarded article can be megabytes; its beginning says what it is, and the cost stays bounded.
  const normalized = normalize(text.slice(0, MAX_CHARS * 2), opts.botName ?? DEFAULT_BOT_NAME);
  // Phone numbers, amounts and dates say nothing about the intent or the danger: neither model sees them.
  const masked = maskEntities(normalized);
  const hits = dangerHits(masked);
  const emergency = emergencyOf(hits);
  const x = featuresOf(masked, hits, mentioned);
  const c = classifyFeatures(x, emergency !== undefined);
  const urgent = c.urgent;
  // Found here, acted on by the bot (plan.ts): LABELS.md's `urgent` is immediate danger, which a question about a
  // protection order is not, though the bot handles it privately on the urgent clock.
  const sensitive = sensitiveOf(normalized);
  return {
    normalized,
    intent: c.intent,
    confidence: c.confidence,
    scores: c.scores,
    urgent,
    ...(urgent ? { emergency: emergency ?? { kind: 'unknown', numbers: ['110', '120'] } } : {}),
    ...(sensitive ? { sensitive } : {}),
    topics: topicsOf(normalized),
    mentioned,
    wouldReply: wouldReply({
      intent: c.intent,
      actionable: 1 - c.scores.other,
      urgent,
      mentioned,
      closing: isClosing(normalized),
      signals: signalsOf(normalized, x),
    }),
  };
}

import type { Resident } from '../villages/residents.js';
import { CHOICE_ZH, type Consultation, tally } from './consultation.js';

/** A consultation as the committee reads it: the tally, each voice by name, the comments, who was asked. */
export function consultationReport(c: Consultation, roster: readonly Resident[]) {
  const byId = new Map(roster.map((r) => [r.id, r]));
  const voices = Object.entries(c.voices)
    .map(([id, v]) => {
      const r = byId.get(id);
      return {
        name: r?.name ?? id,
        group: r?.group ?? '',
        household: r?.household ?? '',
        place: r?.away ? '在外' : '在村',
        choice: CHOICE_ZH[v.choice],
        reason: v.reason ?? '',
        via: v.via,
        at: v.at,
      };
    })
    .sort((a, b) => a.group.localeCompare(b.group, 'zh') || a.name.localeCompare(b.name, 'zh'));
  const asked = c.asked.map((id) => ({ name: byId.get(id)?.name ?? id, answered: id in c.voices }));
  return { consultation: c, tally: tally(c, roster), voices, comments: c.comments, asked };
}
export type ConsultationReport = ReturnType<typeof consultationReport>;

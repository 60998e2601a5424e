import { IN_VILLAGE } from '../cases/mediation.js';
import type { Case } from '../cases/schema.js';

/** How the loop closes: 回访 answers, reopened cases, and where disputes were settled. */
export interface LoopFigures {
  /** 满意率: 满意 and 基本满意 among the 回访 answers given (未评价 is counted apart, never as satisfied). */
  satisfactionRate: number | null;
  survey: { 满意: number; 基本满意: number; 不满意: number; 未评价: number };
  /** 重开率: closed-at-least-once cases that were reopened. */
  reopenRate: number | null;
  /** 小事不出村: settled disputes (调解成功) settled at the village group or the village mediation committee. */
  resolvedInVillageRate: number | null;
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) / 100 : null);

export function loopFigures(cases: readonly Case[]): LoopFigures {
  const survey = { 满意: 0, 基本满意: 0, 不满意: 0, 未评价: 0 };
  let closedOnce = 0;
  let reopened = 0;
  let settled = 0;
  let inVillage = 0;
  for (const c of cases) {
    if (c.survey?.answer) survey[c.survey.answer]++;
    else if (c.survey?.expiredAt) survey.未评价++;
    const moves = c.events.filter((e) => e.type === 'status').map((e) => e.data?.to);
    if (moves.includes('closed')) closedOnce++;
    if (moves.includes('reopened')) reopened++;
    if (c.mediation?.outcome === '调解成功') {
      settled++;
      if (IN_VILLAGE.includes(c.mediation.level)) inVillage++;
    }
  }
  const rated = survey.满意 + survey.基本满意 + survey.不满意;
  return {
    satisfactionRate: share(survey.满意 + survey.基本满意, rated),
    survey,
    reopenRate: share(reopened, closedOnce),
    resolvedInVillageRate: share(inVillage, settled),
  };
}

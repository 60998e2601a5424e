import { STATUS_ZH as CASE_STATUS_ZH } from '../cases/lifecycle.js';

/** Chinese names the pages and exports show for the codes in the case schema. */
export const STATUS_ZH: Record<string, string> = CASE_STATUS_ZH;

export const INTENT_ZH: Record<string, string> = {
  legal_question: '法律咨询',
  dispute_report: '矛盾纠纷',
  service_request: '办事求助',
  proposal: '议事建议',
  other: '其他',
};

export const ROLE_ZH: Record<string, string> = {
  advisor: '法律顾问',
  mediator: '调解员',
  committee: '村两委',
  township: '乡镇',
  admin: '管理员',
};

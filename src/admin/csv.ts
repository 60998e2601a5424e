import { stringify } from 'csv-stringify/sync';
import { LEVEL_ZH } from '../cases/mediation.js';
import type { Case } from '../cases/schema.js';
import type { Village } from '../villages/schema.js';
import { INTENT_ZH, STATUS_ZH } from './labels.js';
import { localTime } from './local-time.js';

const COLUMNS = [
  '编号',
  '村',
  '群',
  '渠道',
  '村民',
  '类别',
  '原识别类别',
  '紧急',
  '状态',
  '负责人',
  '收到时间',
  '时限',
  '首次答复时间',
  '办结时间',
  '回访评价',
  '重开',
  '调解',
  '内容',
];

/**
 * Cases as CSV for the township, opened in Excel: Chinese headers, a BOM so it reads UTF-8, CRLF lines, times as
 * `2026-12-01 14:12` in `timeZone`. A cell starting with = + - @ would run as a formula in Excel; a resident's
 * words must never do that, so such cells get a leading `'` (csv-stringify's escape_formulas).
 */
export function casesCsv(cases: readonly Case[], villages: ReadonlyMap<string, Village>, timeZone: string): string {
  const time = (at: string | null) => localTime(at, timeZone);
  const rows = cases.map((c) => [
    c.number,
    villages.get(c.village)?.name ?? c.village,
    c.room ?? '',
    c.channel === 'group' ? '群聊' : '私聊',
    c.resident.name,
    INTENT_ZH[c.intent] ?? c.intent,
    INTENT_ZH[c.predictedIntent] ?? c.predictedIntent,
    c.urgent ? '是' : '否',
    STATUS_ZH[c.status] ?? c.status,
    c.owner ? `${c.owner.name}（${c.owner.role}）` : '',
    time(c.receivedAt),
    time(c.dueAt),
    time(c.firstResponseAt),
    time(c.resolvedAt),
    c.survey?.answer ?? (c.survey?.expiredAt ? '未评价' : ''),
    c.events.some((e) => e.type === 'status' && e.data?.to === 'reopened') ? '是' : '否',
    c.mediation ? `${LEVEL_ZH[c.mediation.level]}${c.mediation.outcome ? `：${c.mediation.outcome}` : ''}` : '',
    c.text,
  ]);
  return spreadsheet(rows, COLUMNS);
}

/**
 * CSV the way the township's spreadsheet opens it: a BOM so Excel reads UTF-8, CRLF, and cells that start like a
 * formula (=, +, -, @) quoted so a resident's words never run as one.
 */
export function spreadsheet(rows: unknown[][], columns: readonly string[]): string {
  return stringify(rows, {
    bom: true,
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    escape_formulas: true,
  });
}

import type { Case } from '../cases/schema.js';
import type { Village } from '../villages/schema.js';
import { INTENT_ZH, STATUS_ZH } from './labels.js';

function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  // A cell starting with = + - @ is a formula in Excel: a resident's words must never run as one.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Cases as CSV with Chinese headers; the BOM makes Excel read it as UTF-8. */
export function casesCsv(cases: readonly Case[], villages: ReadonlyMap<string, Village>): string {
  const header = [
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
    '内容',
  ];
  const rows = cases.map((c) =>
    [
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
      c.receivedAt,
      c.dueAt,
      c.firstResponseAt ?? '',
      c.resolvedAt ?? '',
      c.text,
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

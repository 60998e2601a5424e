import type { ConsultationReport } from '../proposals/report.js';
import { spreadsheet } from './csv.js';
import { localTime } from './local-time.js';

const COLUMNS = ['姓名', '村民小组', '户号', '在外/在村', '意见', '理由', '来自', '时间'];

/**
 * A consultation's voices for the meeting's records, as Excel opens it (BOM, CRLF, formulas escaped like the cases
 * CSV), then the unbound residents' comments, marked as not counted.
 */
export function consultationCsv(r: ConsultationReport, timeZone: string): string {
  const rows = [
    ...r.voices.map((v) => [
      v.name,
      v.group,
      v.household,
      v.place,
      v.choice,
      v.reason,
      v.via,
      localTime(v.at, timeZone),
    ]),
    ...r.comments
      .filter((c) => !c.counted)
      .map((c) => [c.name, '', '', '', '留言（未登记，未计票）', c.text, '', localTime(c.at, timeZone)]),
  ];
  return spreadsheet(rows, COLUMNS);
}

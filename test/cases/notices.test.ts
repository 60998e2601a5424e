import { describe, expect, it } from 'vitest';
import { slaNotices } from '../../src/cases/notices.js';
import type { Case } from '../../src/cases/schema.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../src/cases/templates.js';
import { loadVillages } from '../../src/villages/load.js';
import { storedCase } from '../helpers/cases.js';

const xihe = loadVillages('villages').map((v) => v.village)[0]!;
const templates = Templates.load(DEFAULT_TEMPLATES_DIR);
const receivedAt = '2026-12-03T07:36:00+08:00';
const lamp = (over: Partial<Case>) =>
  storedCase({ receivedAt, number: 'XH-1201-001', text: '路灯不亮', dueAt: '2026-12-03T01:36:00.000Z', ...over });

describe('SLA notices', () => {
  it('warns the village owner of the township, but not the township contact already holding the case', () => {
    const village = lamp({
      status: 'reopened',
      owner: { name: '龚满仓', role: '村委委员', phone: '1', kind: 'committee' },
    });
    const township = lamp({
      status: 'escalated',
      owner: { name: '温雅琴', role: '柳湾镇便民服务中心主任', phone: '2', kind: 'township' },
    });
    const [toVillage] = slaNotices(village, village, 'overdue', xihe, templates, 'Asia/Shanghai');
    const [toTownship] = slaNotices(township, township, 'overdue', xihe, templates, 'Asia/Shanghai');
    expect(toVillage?.text).toContain('否则将上报镇里');
    expect(toTownship).toMatchObject({ to: { kind: 'contact', name: '柳湾便民温主任' } });
    expect(toTownship?.text).toMatch(/^【已超时】案件 XH-1201-001（已转镇里办理）已超过答复时限（12月3日 09:36）/);
    expect(toTownship?.text).not.toContain('上报镇里');
  });
});

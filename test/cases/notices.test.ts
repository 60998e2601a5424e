import { describe, expect, it } from 'vitest';
import { slaNotices, toResidentIn } from '../../src/cases/notices.js';
import type { Case } from '../../src/cases/schema.js';
import { applySlaStep } from '../../src/cases/sla.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../src/cases/templates.js';
import { loadVillages } from '../../src/villages/load.js';
import { storedCase } from '../helpers/cases.js';

const xihe = loadVillages('villages').map((v) => v.village)[0]!;
const templates = Templates.load(DEFAULT_TEMPLATES_DIR);
const receivedAt = '2026-12-03T07:36:00+08:00';
const lamp = (over: Partial<Case>) =>
  storedCase({ receivedAt, number: 'XH-1201-001', text: '路灯不亮', dueAt: '2026-12-03T01:36:00.000Z', ...over });

describe('SLA notices', () => {
  it('quote what the matter is, then the resident’s latest words', () => {
    const owner = { name: '龚满仓', role: '村委委员', phone: '1', kind: 'committee' as const };
    const at = '2026-12-03T07:40:00+08:00';
    const messages = [
      { at: receivedAt, text: '路灯不亮', messageId: 'a', channel: 'group' as const },
      { at, text: '我老娘摔了一跤 头磕破了一直流血', messageId: 'b', channel: 'private' as const },
    ];
    const c = lamp({ status: 'assigned', owner, messages });
    const [toOwner] = slaNotices(c, c, 'reminder', xihe, templates, 'Asia/Shanghai');
    expect(toOwner?.text).toContain('“路灯不亮；最新：我老娘摔了一跤 头磕破了一直流血”');
  });

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

describe('an escalation with no township contact for the matter', () => {
  const alone = { ...xihe, townshipContacts: [] };
  const owner = { name: '龚满仓', role: '村委委员', phone: '1', kind: 'committee' as const };
  const resident = { key: 'k', name: '马建国' };
  const before = lamp({ status: 'assigned', owner, room: '西河村村民群', intent: 'service_request', resident });

  it('asks the committee’s head to 督办 it, and tells the resident just that, not the township', () => {
    const after = applySlaStep(before, 'escalate', before.dueAt, new Date('2026-12-04T02:00:00Z'));
    expect(after).toMatchObject({ status: 'escalated', owner: { name: '龚满仓' } });
    expect(after?.events.at(-1)?.text).toContain('已提请村两委负责人督办');
    const [toHead, toResident] = slaNotices(before, after!, 'escalate', alone, templates, 'Asia/Shanghai');
    expect(toHead).toMatchObject({ to: { kind: 'contact', name: '贺长青' } });
    expect(toHead?.text).toMatch(/^【督办】西河村案件 XH-1201-001 已超过答复时限.*负责人：村委委员龚满仓/);
    expect(toResident).toMatchObject({ to: { kind: 'room', topic: '西河村村民群', mention: '马建国' } });
    expect(toResident?.text).toContain('已提请村两委负责人村委会主任贺长青督办');
    expect(toResident?.text).not.toContain('镇里');
  });

  it('asks someone else than the head when the head owns the case', () => {
    const head = { name: '贺长青', role: '村党支部书记、村委会主任', phone: '1', kind: 'committee' as const };
    const own = lamp({ status: 'assigned', owner: head, room: '西河村村民群', intent: 'service_request', resident });
    const after = applySlaStep(own, 'escalate', own.dueAt, new Date('2026-12-04T02:00:00Z'));
    const [toChaser] = slaNotices(own, after!, 'escalate', alone, templates, 'Asia/Shanghai');
    expect(toChaser?.to).not.toMatchObject({ name: '贺长青' });
  });

  it('does not threaten the owner with the township when overdue', () => {
    const [toOwner] = slaNotices(before, before, 'overdue', alone, templates, 'Asia/Shanghai');
    expect(toOwner?.text).toContain('否则将提请村两委负责人督办');
    expect(toOwner?.text).not.toContain('镇里');
  });
});

describe('a reply to what the resident wrote', () => {
  const inGroup = lamp({
    room: '西河村村民群',
    channel: 'group',
    intent: 'service_request',
    resident: { key: 'k', name: '吴桂芝' },
  });

  it('goes back privately to a private word, and with @name to the group it was written in', () => {
    expect(toResidentIn(inGroup, null, '好').to).toEqual({ kind: 'contact', name: '吴桂芝' });
    expect(toResidentIn(inGroup, '西河村村民群', '好').to).toEqual({
      kind: 'room',
      topic: '西河村村民群',
      mention: '吴桂芝',
    });
  });

  it('stays private for a personal or sensitive matter, even when written in the group', () => {
    for (const c of [
      { ...inGroup, intent: 'dispute_report' as const },
      { ...inGroup, sensitive: true },
    ])
      expect(toResidentIn(c, '西河村村民群', '好').to).toEqual({ kind: 'contact', name: '吴桂芝' });
  });
});

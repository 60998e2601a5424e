import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VillageSchema, wechatNameOf } from '../../src/villages/schema.js';

const xihe = () => JSON.parse(readFileSync(join(import.meta.dirname, '../../villages/xihe/village.json'), 'utf8'));

describe('the fields README documents for a village', () => {
  it('reads the township, WeChat names and the township contacts with the intents each takes', () => {
    const raw = xihe();
    raw.committee.members[0].wechatName = '老贺';
    raw.townshipContacts = [
      { name: '周明', role: '镇司法所', phone: '0571-0000001', handles: ['legal_question', 'dispute_report'] },
      { name: '钱芳', role: '便民服务中心', phone: '0571-0000002', wechatName: '钱芳-便民' },
    ];
    const v = VillageSchema.parse(raw);
    expect(v.township).toBe('柳湾镇');
    expect(wechatNameOf(v.committee.members[0]!)).toBe('老贺');
    expect(wechatNameOf(v.committee.members[1]!)).toBe(v.committee.members[1]!.name);
    expect(v.townshipContacts?.map((c) => c.handles ?? 'all')).toEqual([['legal_question', 'dispute_report'], 'all']);
  });

  it('names the field and the fix when a township contact is incomplete or takes an unknown intent', () => {
    const raw = xihe();
    raw.townshipContacts = [{ name: '周明', role: '镇司法所', handles: ['lawsuit'] }];
    const issues = VillageSchema.safeParse(raw).error?.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    expect(issues).toContainEqual(expect.stringMatching(/^townshipContacts\.0\.phone is missing — add/));
    expect(issues).toContainEqual(expect.stringMatching(/^townshipContacts\.0\.handles\.0 /));
  });
});

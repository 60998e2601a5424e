import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import {
  advisorFor,
  dutyMember,
  loadVillage,
  loadVillages,
  VillageError,
  villageForRoom,
} from '../../src/villages/load.js';
import { casePrefixOf } from '../../src/villages/schema.js';

const XIHE = join(import.meta.dirname, '../../villages/xihe');
const xihe = () => JSON.parse(readFileSync(join(XIHE, 'village.json'), 'utf8'));
const RULES = '第一条 本村规民约适用于全体村民。\n第二条 村民不得赌博。\n';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cunbot-villages-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function writeVillage(id: string, json: unknown, rules = RULES): string {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'village.json'), JSON.stringify(json));
  writeFileSync(join(dir, '村规民约.txt'), rules);
  return dir;
}

function errorOf(fn: () => unknown): VillageError {
  try {
    fn();
  } catch (err) {
    if (err instanceof VillageError) return err;
    throw err;
  }
  throw new Error('expected a VillageError');
}

describe('loading villages', () => {
  it('loads the demo village with its rules, defaults and the extra fields it adds', () => {
    const [loaded, ...rest] = loadVillages(join(XIHE, '..'));
    expect(rest).toEqual([]);
    expect(loaded!.village.name).toBe('西河村');
    expect(loaded!.village.rooms).toEqual(['西河村村民群', '西河村在外乡亲群']);
    expect(loaded!.rules.articles.length).toBeGreaterThanOrEqual(40);
    expect(loaded!.rules.warnings).toEqual([]);
    // Free fields a village adds are kept, at every level.
    expect(loaded!.village.township).toBe('柳湾镇');
    expect(loaded!.village.committee.dutyPhone).toBe('13900002299');
    expect(loaded!.village.legalAdvisors[0]!.office).toBe('清源县正衡律师事务所');
    expect(casePrefixOf(loaded!.village)).toBe('XH');
  });

  it('fills SLA hours and the case prefix when a village does not set them', () => {
    const { sla: _sla, casePrefix: _prefix, ...plain } = xihe();
    const { village } = loadVillage(writeVillage('dongwan', { ...plain, id: 'dongwan' }));
    expect(village.sla).toEqual({ urgent: 2, utility: 24, general: 168, complex: 360 });
    expect(casePrefixOf(village)).toBe('DO');
  });

  it('names the file, the field and the fix when a required field is missing', () => {
    const json = xihe();
    delete json.legalAdvisors[0].phone;
    const dir = writeVillage('xihe', json);
    expect(errorOf(() => loadVillage(dir)).message).toBe(
      `${join(dir, 'village.json')}: legalAdvisors[0].phone is missing — add the advisor's phone number`,
    );
  });

  it('reports every bad field at once, committee members included', () => {
    const json = xihe();
    delete json.rooms;
    json.committee.members[2].role = '';
    const message = errorOf(() => loadVillage(writeVillage('xihe', json))).message;
    expect(message).toContain('rooms is missing — list the WeChat group topics the bot serves');
    expect(message).toContain('committee.members[2].role is empty — add the role');
  });

  it('explains broken JSON and a missing rules file', () => {
    const dir = join(root, 'broken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'village.json'), '{"id": "broken",');
    expect(errorOf(() => loadVillage(dir)).message).toMatch(/village\.json: not valid JSON .* — fix the syntax/);

    const ok = writeVillage('norules', { ...xihe(), id: 'norules', rooms: ['无规约群'] });
    rmSync(join(ok, '村规民约.txt'));
    expect(errorOf(() => loadVillage(ok)).message).toContain('村规民约.txt is missing or unreadable');
  });

  it('loads rules with no numbered article as paragraphs, and refuses only an empty rules file', () => {
    const dir = writeVillage('xihe', xihe(), '村规民约\n大家要团结。\n不要吵架。\n');
    expect(loadVillage(dir).rules.articles.map((a) => a.label)).toEqual(['第1段', '第2段']);
    const empty = writeVillage('empty', { ...xihe(), id: 'empty', rooms: ['空群'] }, '\n');
    expect(errorOf(() => loadVillage(empty)).message).toContain('the file is empty');
  });

  it('refuses a WeChat group listed by two villages', () => {
    writeVillage('a', { ...xihe(), id: 'a', rooms: ['河边群', '共用群'] });
    writeVillage('b', { ...xihe(), id: 'b', rooms: ['共用群'] });
    expect(errorOf(() => loadVillages(root)).message).toMatch(
      /b\/village\.json: rooms\[0\] "共用群" is also listed by .*a\/village\.json/,
    );
  });

  it('explains an empty or missing villages folder', () => {
    expect(errorOf(() => loadVillages(root)).message).toContain('no village found');
    expect(errorOf(() => loadVillages(join(root, 'nope'))).message).toContain('no such folder');
  });

  it('finds the village of a room by its topic', () => {
    cpSync(XIHE, join(root, 'xihe'), { recursive: true });
    writeVillage('dongwan', { ...xihe(), id: 'dongwan', rooms: ['东湾村民群'] });
    const villages = loadVillages(root);
    expect(villageForRoom(villages, '东湾村民群')?.village.id).toBe('dongwan');
    expect(villageForRoom(villages, '西河村在外乡亲群')?.village.id).toBe('xihe');
    expect(villageForRoom(villages, '别的群')).toBeUndefined();
  });
});

describe('who answers', () => {
  const village = loadVillage(XIHE).village;

  it('picks the legal advisor whose topics cover the message', () => {
    expect(advisorFor(village, ['宅基地']).name).toBe('郑国栋');
    expect(advisorFor(village, ['承包流转']).name).toBe('郑国栋');
    expect(advisorFor(village, ['欠薪']).name).toBe('郑国栋');
    expect(advisorFor(village, ['家庭暴力', '婚姻家庭']).name).toBe('林晓岚');
    expect(advisorFor(village, ['交通事故']).name).toBe('许文静');
  });

  it('lets the first-named topic decide between advisors', () => {
    expect(advisorFor(village, ['交通事故', '婚姻家庭']).name).toBe('许文静');
    expect(advisorFor(village, ['婚姻家庭', '交通事故']).name).toBe('林晓岚');
  });

  it('falls back to the first advisor when no topic matches', () => {
    expect(advisorFor(village, []).name).toBe('林晓岚');
    expect(advisorFor(village, ['环境卫生']).name).toBe('林晓岚');
  });

  it('finds the committee member on duty from role and duties', () => {
    expect(dutyMember(village, 'mediation').name).toBe('杜建军');
    expect(dutyMember(village, 'security').name).toBe('杜建军');
    expect(dutyMember(village, 'services').name).toBe('程小燕');
    expect(dutyMember(village, 'infrastructure').name).toBe('龚满仓');
    // 治保调解主任 is a 主任 too, but not the one who heads the village.
    expect(dutyMember(village, 'secretary').name).toBe('贺长青');
  });

  it('hands a duty nobody holds to the secretary', () => {
    const small = {
      ...village,
      committee: {
        members: [
          { name: '甲', role: '委员', phone: '13900000001' },
          { name: '乙', role: '村委会主任', phone: '13900000002' },
        ],
      },
    };
    expect(dutyMember(small, 'infrastructure').name).toBe('乙');
    expect(dutyMember(small, 'mediation').name).toBe('乙');
  });
});

describe('start-up log of the rules', () => {
  function loadLogged(rules: string): Array<Record<string, unknown>> {
    const root = mkdtempSync(join(tmpdir(), 'cunbot-log-'));
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    try {
      const dir = join(root, 'xihe');
      mkdirSync(dir);
      writeFileSync(join(dir, 'village.json'), JSON.stringify(xihe()));
      writeFileSync(join(dir, '村规民约.txt'), rules);
      loadVillage(dir, { log: createLogger('info', sink as never) });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    return lines;
  }

  it('says how many articles each village has, with no warning when the reading looks right', () => {
    const lines = loadLogged(readFileSync(join(XIHE, '村规民约.txt'), 'utf8'));
    expect(lines.map((l) => [l.msg, l.village, l.articles, l.layout])).toEqual([
      ['rules loaded', 'xihe', 56, 'article'],
    ]);
  });

  it('warns, without refusing the village, when one article swallows most of a long text', () => {
    const lines = loadLogged(
      `第一条 不得赌博。\n第二条 ${'村民应当爱护环境，不乱倒垃圾。'.repeat(80)}\n第三条 不得偷盗。\n`,
    );
    expect(lines[0]).toMatchObject({ msg: 'rules loaded', articles: 3 });
    expect(lines.slice(1).map((l) => [l.level, l.issue])).toEqual([
      [40, expect.stringMatching(/^第二条 holds 9\d% of the text — articles may be merged into it$/)],
    ]);
  });
});

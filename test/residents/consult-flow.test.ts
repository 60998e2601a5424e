import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { villageActor } from '../../src/cases/access.js';
import { ManualClock } from '../../src/config/clock.js';
import { UserFacingError } from '../../src/config/errors.js';
import { loadVillages } from '../../src/villages/load.js';
import { testPrefix } from '../helpers/redis.js';
import { startTestSpine, type TestSpine } from '../helpers/spine.js';

const HOME = '西河村村民群';
const AWAY = '西河村在外乡亲群';

describe('a consultation played end to end on the mock puppet and real Redis', () => {
  const clock = new ManualClock('2026-12-01T10:00:00+08:00');
  const committee = villageActor(
    loadVillages('villages').map((v) => v.village),
    '贺长青',
  );
  let t: TestSpine;
  let caseId = '';

  beforeAll(async () => {
    t = await startTestSpine(testPrefix('consult'), { clock });
    for (const name of ['孙国平', '芳芳', '王芳', '德明在杭州']) t.world.contact(name);
  }, 30_000);
  afterAll(async () => t?.close());

  const privately = (to: string) => t.take().filter((s) => s.to === to && !s.room);

  it('binds residents, telling two 王芳 apart by their group and refusing the name alone', async () => {
    const b = t.spine.bindings;
    await b.bind(committee, 'xihe', '孙国平', { name: '孙国平' });
    await b.bind(committee, 'xihe', '芳芳', { name: '王芳', group: '五组' });
    const refused = await b.bind(committee, 'xihe', '王芳', { name: '王芳' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserFacingError);
    expect((refused as UserFacingError).chinese).toContain('二组、五组');
    await b.bind(committee, 'xihe', '王芳', { name: '王芳', group: '第二村民小组' });
    await b.bind(committee, 'xihe', '德明在杭州', { name: '赵德明' });
    await t.spine.idle();
    expect(privately('芳芳')[0]?.text).toContain('五组的王芳');
    const bound = await b.bindings('xihe');
    expect(bound.map((x) => x.resident).sort()).toEqual(
      ['二组|0207|王芳', '五组|0503|王芳', '四组|0412|孙国平', '三组|0305|赵德明'].sort(),
    );
  });

  it('announces the consultation in every room and privately to bound migrants only', async () => {
    const opened = await t.say({
      room: HOME,
      from: '周海涛',
      text: '@村小助 建议把四组到村部那段土路修成水泥路，下雨天全是泥',
      mentioned: true,
    });
    expect(opened).toMatchObject({ action: 'case', intent: 'proposal' });
    caseId = (await t.spine.store.getByNumber((opened as { number: string }).number))!.id;
    t.take();
    await t.spine.consult.start(committee, caseId, '四组到村部道路硬化，村集体出资，请大家发表意见', 48);
    await t.spine.idle();
    const said = t.take();
    expect(
      said
        .filter((s) => s.room)
        .map((s) => s.room)
        .sort(),
    ).toEqual([AWAY, HOME].sort());
    expect(said.find((s) => s.room === HOME)?.text).toContain('协商意见');
    // 孙国平, 五组王芳 and 赵德明 are 在外; 二组王芳 lives in the village and hears it in the group.
    expect(
      said
        .filter((s) => !s.room)
        .map((s) => s.to)
        .sort(),
    ).toEqual(['孙国平', '芳芳', '德明在杭州'].sort());
  });

  it('counts voices in several phrasings from groups and private chats, one per villager', async () => {
    await t.say({ room: null, from: '孙国平', text: '支持！路修好了老人孩子出门都方便' });
    expect(privately('孙国平')[0]?.text).toMatch(/已记录您的意见：支持.*截止.*前可以改/);
    const fromGroup = await t.say({ room: AWAY, from: '芳芳', text: '@村小助 +1 我赞成修路', mentioned: true });
    expect(fromGroup.action).toBe('replied');
    expect(privately('芳芳')[0]?.text).toContain('支持');
    await t.say({
      room: HOME,
      from: '王芳',
      text: '@村小助 不同意，占了我家门口的菜地，先说清楚怎么补偿',
      mentioned: true,
    });
    expect(privately('王芳')[0]?.text).toContain('反对');
    await t.say({ room: null, from: '德明在杭州', text: '我弃权' });
    await t.say({ room: null, from: '德明在杭州', text: '想了想还是同意吧' });
    expect(privately('德明在杭州').at(-1)?.text).toContain('已改为这次的意见');
    await t.say({ room: null, from: '孙国平', text: '支持' });
    expect(privately('孙国平')[0]?.text).toContain('只算一次');
  });

  it('keeps a renamed resident by the remark the bot set on them', async () => {
    expect(t.world.remarkOf('孙国平')).toBe('村民·四组·0412·孙国平');
    await t.world.rename('孙国平', '孙国平-在深圳');
    await t.say({ room: null, from: '孙国平-在深圳', text: '我还是支持' });
    expect(privately('孙国平-在深圳')[0]?.text).toContain('只算一次');
  });

  it('keeps an unbound answer as a comment, not counted, and says how to get bound', async () => {
    await t.say({ room: null, from: '刘志强', text: '我也支持修路' });
    expect(privately('刘志强')[0]?.text).toContain('我是X组的XXX，想登记');
    const c = await t.spine.consult.get(caseId);
    expect(Object.keys(c!.voices)).toHaveLength(4);
    expect(c!.comments.find((x) => x.name === '刘志强')).toMatchObject({ counted: false });
    expect(c!.comments.find((x) => x.name === '王芳')?.text).toContain('菜地');
  });

  it('answers a status question with the step and the tally, opening no case', async () => {
    const asked = await t.say({ room: AWAY, from: '芳芳', text: '@村小助 修路那个事到哪一步了', mentioned: true });
    expect(asked.action).toBe('replied');
    const answer = t.take().find((s) => s.room === AWAY)?.text ?? '';
    expect(answer).toContain('下一步：提议');
    expect(answer).toContain('支持 3，反对 1，弃权 0');
  });

  it('closes at the deadline and publishes the result in every room', async () => {
    clock.advance(47 * 3_600_000);
    expect(await t.spine.consult.closeDue()).toBe(0);
    clock.advance(2 * 3_600_000);
    expect(await t.spine.consult.closeDue()).toBe(1);
    await t.spine.idle();
    const said = t.take();
    const result = said.filter((s) => s.room && s.text.includes('意见征集结果'));
    expect(result.map((s) => s.room).sort()).toEqual([AWAY, HOME].sort());
    expect(result[0]?.text).toContain('支持 3，反对 1，弃权 0（共 4 人表达意见）');
    expect(result[0]?.text).toContain('在外村民：支持3 反对0 弃权0；在村村民：支持0 反对1 弃权0');
    expect(said.some((s) => s.to === '孙国平-在深圳' && s.text.includes('意见征集结果'))).toBe(true);
  });

  it('tells a voice that comes after the close that it came too late, and counts it nowhere', async () => {
    clock.advance(3_600_000);
    const before = await t.spine.consult.get(caseId);
    await t.say({ room: null, from: '王芳', text: '我反对修路', at: clock.now() });
    expect(privately('王芳')).toEqual([{ to: '王芳', text: expect.stringContaining('意见征集已经截止') }]);
    expect((await t.spine.consult.get(caseId))?.voices).toEqual(before?.voices);
  });
});

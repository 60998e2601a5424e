import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVillages } from '../../src/villages/load.js';
import { ROOM, startTestSpine, type TestSpine } from '../helpers/spine.js';

// A resident who chats in two villages' groups writes to the bot privately: the bot asks which village the message
// is about, files it there once told, and does not ask again.
const [xihe] = loadVillages('villages');
const nanshan = structuredClone(xihe!);
nanshan.village = { ...nanshan.village, id: 'nanshan', name: '南山村', casePrefix: 'NS', rooms: ['南山村村民群'] };
const NANSHAN_ROOM = '南山村村民群';

let t: TestSpine;
beforeAll(async () => {
  t = await startTestSpine(`test-pv-${randomBytes(4).toString('hex')}`, { villages: [xihe!, nanshan] });
});
afterAll(() => t.close());

const casesOf = async (name: string) =>
  (await t.spine.store.list({ villages: ['xihe', 'nanshan'], limit: 50 })).items.filter(
    (c) => c.resident.name === name,
  );

describe('a private message from a name known in two villages', () => {
  it('is asked about, kept, and filed in the village the resident names; the next one goes there unasked', async () => {
    await t.say({ room: ROOM, from: '周桂兰', text: '今天西河赶集人多吗' });
    await t.say({ room: NANSHAN_ROOM, from: '周桂兰', text: '南山这边下雨了' });
    t.take();

    const asked = await t.say({ room: null, from: '周桂兰', text: '我家门口的路灯坏了一个礼拜了，晚上看不见路' });
    expect(asked).toEqual({ action: 'replied', kind: 'village_ask' });
    expect(t.take()).toEqual([{ to: '周桂兰', text: expect.stringContaining('回复1 南山村；回复2 西河村') }]);
    expect(await casesOf('周桂兰')).toEqual([]);

    const filed = await t.say({ room: null, from: '周桂兰', text: '2' });
    expect(filed).toMatchObject({ action: 'case', number: expect.stringMatching(/^XH-/) });
    expect(t.take()).toEqual([{ to: '周桂兰', text: expect.stringContaining('XH-') }]);
    const [lamp] = await casesOf('周桂兰');
    expect(lamp).toMatchObject({ village: 'xihe', text: '我家门口的路灯坏了一个礼拜了，晚上看不见路' });

    const next = await t.say({ room: null, from: '周桂兰', text: '还有我家低保的事想问一下怎么申请' });
    expect(next).toMatchObject({ action: 'case', number: expect.stringMatching(/^XH-/) });
    expect(
      t
        .take()
        .map((s) => s.text)
        .join(''),
    ).not.toContain('哪个村');
  });

  it('files what was kept in the group spoken in last when the resident writes on instead of answering', async () => {
    await t.say({ room: ROOM, from: '吴长贵', text: '收到' });
    await t.say({ room: NANSHAN_ROOM, from: '吴长贵', text: '好的' });
    t.take();
    await t.say({ room: null, from: '吴长贵', text: '我想问问承包地流转合同到期了怎么续' });
    expect(t.take()).toEqual([{ to: '吴长贵', text: expect.stringContaining('哪个村') }]);
    const second = await t.say({ room: null, from: '吴长贵', text: '还有宅基地上建房要办什么手续' });
    expect(second).toMatchObject({ action: 'case', number: expect.stringMatching(/^NS-/) });
    const cases = await casesOf('吴长贵');
    expect(cases.map((c) => c.village)).toEqual(['nanshan', 'nanshan']);
    expect(cases.map((c) => c.text).sort()).toEqual(
      ['我想问问承包地流转合同到期了怎么续', '还有宅基地上建房要办什么手续'].sort(),
    );
  });

  it('is not held up by the question when urgent: the emergency numbers go at once and the case opens', async () => {
    await t.say({ room: ROOM, from: '郑秀英', text: '好' });
    await t.say({ room: NANSHAN_ROOM, from: '郑秀英', text: '好' });
    t.take();
    const urgent = await t.say({ room: null, from: '郑秀英', text: '救命 我家着火了 火很大' });
    expect(urgent).toMatchObject({ action: 'case', urgent: true, number: expect.stringMatching(/^NS-/) });
    expect(t.take().find((s) => s.to === '郑秀英')?.text).toContain('119');
  });
});

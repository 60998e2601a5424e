import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCaseAdvisor, COMMITTEE, type Harness, harness, login, seedCase } from './helpers.js';

let h: Harness;
let advisor: Record<string, string>;
let base: string;

beforeAll(async () => {
  h = await harness();
  await addCaseAdvisor(h);
  advisor = { authorization: `Bearer ${(await login(h, 'lin', 'correct-horse')).token}` };
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => h.close());

/** Reads the event stream until `count` case events arrived (or the time is up). */
async function nextEvents(stream: ReadableStreamDefaultReader<Uint8Array>, count: number) {
  const decoder = new TextDecoder();
  const events: Array<Record<string, unknown>> = [];
  let buffer = '';
  const deadline = Date.now() + 5000;
  while (events.length < count && Date.now() < deadline) {
    const { value, done } = await stream.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end < 0) break;
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (block.includes('event: case') && data) events.push(JSON.parse(data.slice(6)));
    }
  }
  return events;
}

describe('GET /api/events', () => {
  it("streams my villages' new cases, follow-ups and replies, and not other villages'", async () => {
    const res = await fetch(`${base}/api/events`, { headers: advisor });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    // The subscription is live once the stream's first line arrived.
    await reader.read();
    await seedCase(h, { village: 'nanshan', text: '南山村的事' });
    const c = await seedCase(h, { urgent: true, text: '河堤塌了，快来人' });
    await h.service.reply(COMMITTEE, c.id, { text: '马上到' });
    const events = await nextEvents(reader, 2);
    await reader.cancel();
    expect(events.map((e) => [e.number, e.kind, e.urgent])).toEqual([
      [c.number, 'created', true],
      [c.number, 'reply', true],
    ]);
  });

  it('needs a login', async () => {
    const res = await fetch(`${base}/api/events`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toBe('请先登录。');
  });
});

describe('GET /api/cases?q= and mine=1', () => {
  it('finds cases by words of the text, the resident name and the number, with the other filters', async () => {
    const well = await seedCase(h, { text: '村东头的水井坏了，没水喝', resident: '赵秀英', intent: 'service_request' });
    await seedCase(h, { text: '低保怎么申请', resident: '钱老汉' });
    const ids = async (q: string) => {
      const res = await h.app.inject({ method: 'GET', url: `/api/cases?q=${encodeURIComponent(q)}`, headers: advisor });
      expect(res.statusCode).toBe(200);
      return res.json().cases.map((c: { id: string }) => c.id);
    };
    expect(await ids('水井')).toEqual([well.id]);
    expect(await ids('赵秀英')).toEqual([well.id]);
    expect(await ids(well.number)).toEqual([well.id]);
    expect(await ids('水井 低保')).toEqual([]);
    const filtered = await h.app.inject({
      method: 'GET',
      url: `/api/cases?q=${encodeURIComponent('水井')}&intent=legal_question`,
      headers: advisor,
    });
    expect(filtered.json().cases).toEqual([]);
  });

  it('finds words a resident added later', async () => {
    const c = await seedCase(h, { text: '邻居家的狗咬人', resident: '孙大娘' });
    await h.store.update(c.id, (x) => ({
      ...x,
      messages: [...x.messages, { at: x.receivedAt, text: '已经打了狂犬疫苗', messageId: 'f1', channel: 'private' }],
    }));
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/cases?q=${encodeURIComponent('狂犬')}`,
      headers: advisor,
    });
    expect(res.json().cases.map((x: { id: string }) => x.id)).toEqual([c.id]);
  });

  it('mine=1 lists only the cases I own', async () => {
    const theirs = await seedCase(h, { text: '宅基地的事' });
    await h.service.assign(COMMITTEE, theirs.id, { name: '贺长青', kind: 'committee' });
    const res = await h.app.inject({ method: 'GET', url: '/api/cases?mine=1&limit=200', headers: advisor });
    const rows = res.json().cases as Array<{ id: string; owner: { name: string } }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.owner.name === '郑国栋')).toBe(true);
    expect(rows.map((r) => r.id)).not.toContain(theirs.id);
  });
});

describe('the inbox page', () => {
  it('shows open cases by default, and answered ones behind the status filter', async () => {
    const done = await seedCase(h, { text: '答复过的问题：耕地补贴什么时候发' });
    await h.service.reply(COMMITTEE, done.id, { text: '下个月发' });
    const page = (url: string) => h.app.inject({ method: 'GET', url, headers: { ...advisor, accept: 'text/html' } });
    expect((await page('/inbox')).body).not.toContain(done.number);
    expect((await page('/inbox?status=all')).body).toContain(done.number);
    expect((await page('/inbox?status=answered')).body).toContain(done.number);
  });

  it('searches from its search box', async () => {
    const c = await seedCase(h, { text: '路灯坏了三盏', resident: '周会计' });
    const res = await h.app.inject({
      method: 'GET',
      url: `/inbox?q=${encodeURIComponent('路灯')}`,
      headers: { ...advisor, accept: 'text/html' },
    });
    expect(res.body).toContain(c.number);
    expect(res.body).toContain('共 1 件');
  });
});

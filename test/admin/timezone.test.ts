import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, login, seedCase } from './helpers.js';

// A deployment outside China: every time staff read follows its TIMEZONE, none is pinned to Beijing time.
let h: Harness;
let headers: { authorization: string };

beforeAll(async () => {
  h = await harness({ timeZone: 'America/New_York' });
  await h.users.add({ username: 'lin', password: 'correct-horse', role: 'advisor', villages: ['xihe'] });
  headers = { authorization: `Bearer ${(await login(h, 'lin', 'correct-horse')).token}` };
});
afterAll(() => h.close());

describe('TIMEZONE=America/New_York', () => {
  it('shows 2026-12-01T17:30Z as 2026-12-01 12:30 in the CSV and on the case page', async () => {
    const c = await seedCase(h, { resident: '纽约的老乡', receivedAt: new Date('2026-12-01T17:30:00Z') });
    const csv = await h.app.inject({ method: 'GET', url: '/api/cases.csv', headers });
    const line = csv.body.split('\r\n').find((l) => l.startsWith(`${c.number},`));
    expect(line).toContain(',2026-12-01 12:30,');
    const page = await h.app.inject({
      method: 'GET',
      url: `/cases/${c.id}`,
      headers: { ...headers, accept: 'text/html' },
    });
    expect(page.body).toContain('村民 <b>纽约的老乡</b> · 2026-12-01 12:30');
  });

  it('counts a case of Monday 03:00 UTC (Sunday 22:00 in New York) in the week before, and in Sunday’s range', async () => {
    await seedCase(h, { resident: '周日晚上', receivedAt: new Date('2026-11-30T03:00:00Z') });
    const sunday = await h.app.inject({ method: 'GET', url: '/api/stats?from=2026-11-29&to=2026-11-29', headers });
    expect(sunday.json().total).toBe(1);
    const weeks = sunday.json().weeks as Array<{ week: string; received: number }>;
    expect(weeks.find((w) => w.received > 0)?.week).toBe('2026-11-23');
    const monday = await h.app.inject({ method: 'GET', url: '/api/stats?from=2026-11-30&to=2026-11-30', headers });
    expect(monday.json().total).toBe(0);
  });
});

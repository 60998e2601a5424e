import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/schema.js';
import { type Harness, harness, login, seedCase } from './helpers.js';

// Contract 3, route by route: each role against each staff action on a dispute case of its village that the
// advisor 郑国栋 holds and nobody escalated. Allowed is a 200; refused a 403 with a Chinese message.
type Role = 'advisor' | 'mediator' | 'committee' | 'township' | 'admin';
const ROLES: Role[] = ['advisor', 'mediator', 'committee', 'township', 'admin'];

interface Route {
  name: string;
  intent?: Case['intent'];
  call: (c: Case) => { method: 'GET' | 'POST'; url: string; payload?: Record<string, unknown> };
  allowed: Role[];
}

const ROUTES: Route[] = [
  {
    name: 'answer the resident',
    call: (c) => ({ method: 'POST', url: `/api/cases/${c.id}/replies`, payload: { text: '请带上材料来村委会。' } }),
    allowed: ['advisor', 'mediator', 'committee', 'admin'],
  },
  {
    name: 'internal note',
    call: (c) => ({
      method: 'POST',
      url: `/api/cases/${c.id}/replies`,
      payload: { text: '已电话联系', internal: true },
    }),
    allowed: ['advisor', 'mediator', 'committee', 'admin'],
  },
  {
    name: 'close',
    call: (c) => ({ method: 'POST', url: `/api/cases/${c.id}/status`, payload: { status: 'closed' } }),
    allowed: ['advisor', 'mediator', 'committee', 'admin'],
  },
  {
    name: 'correct the intent',
    call: (c) => ({ method: 'POST', url: `/api/cases/${c.id}/intent`, payload: { intent: 'service_request' } }),
    allowed: ['committee', 'admin'],
  },
  {
    name: 'reassign',
    call: (c) => ({ method: 'POST', url: `/api/cases/${c.id}/assign`, payload: { name: '贺长青', kind: 'committee' } }),
    allowed: ['committee', 'admin'],
  },
  {
    name: 'escalate to the township',
    call: (c) => ({
      method: 'POST',
      url: `/api/cases/${c.id}/escalate`,
      payload: { note: '村里调解不成，请镇里协调' },
    }),
    allowed: ['committee', 'admin'],
  },
  {
    name: 'move a proposal on (四议两公开)',
    intent: 'proposal',
    call: (c) => ({
      method: 'POST',
      url: `/api/cases/${c.id}/proposal`,
      payload: { stage: 'proposed', note: '支部提议' },
    }),
    allowed: ['committee', 'admin'],
  },
  {
    name: 'read the case',
    call: (c) => ({ method: 'GET', url: `/api/cases/${c.id}` }),
    allowed: ['advisor', 'mediator', 'committee', 'township', 'admin'],
  },
];

let h: Harness;
const auth = {} as Record<Role, Record<string, string>>;

beforeAll(async () => {
  h = await harness();
  const people: Record<Role, string> = {
    advisor: '郑国栋',
    mediator: '杜建军',
    committee: '贺长青',
    township: '镇综治办',
    admin: '管理员',
  };
  for (const role of ROLES) {
    await h.users.add({
      username: role,
      password: 'correct-horse',
      role,
      villages: role === 'township' || role === 'admin' ? [] : ['xihe'],
      townships: role === 'township' ? ['柳湾镇'] : [],
      displayName: people[role],
    });
    auth[role] = { authorization: `Bearer ${(await login(h, role, 'correct-horse')).token}` };
  }
});
afterAll(() => h.close());

describe.each(ROUTES)('$name', (route) => {
  it.each(ROLES)('%s', async (role) => {
    const c = await seedCase(h, { intent: route.intent ?? 'dispute_report' });
    const res = await h.app.inject({ ...route.call(c), headers: auth[role] });
    if (route.allowed.includes(role)) {
      expect(res.statusCode, res.body).toBe(200);
    } else {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('what only an admin opens', () => {
  it.each(ROLES)('the queue dashboard and the WeChat login page, as %s', async (role) => {
    for (const url of ['/admin/queues', '/wechat']) {
      const res = await h.app.inject({ method: 'GET', url, headers: { ...auth[role], accept: 'text/html' } });
      expect(res.statusCode, url).toBe(role === 'admin' ? 200 : 403);
      if (role !== 'admin') expect(res.body).toContain('没有权限');
    }
  });
});

describe('the township', () => {
  it('acts on a case once it was escalated to it', async () => {
    const c = await seedCase(h);
    await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/escalate`,
      headers: auth.committee,
      payload: { note: '请镇里协调' },
    });
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/replies`,
      headers: auth.township,
      payload: { text: '镇综治办已受理。' },
    });
    expect(res.statusCode).toBe(200);
  });
});

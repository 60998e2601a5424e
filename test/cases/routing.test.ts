import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ROUTING,
  loadRouting,
  type RouteInput,
  RoutingError,
  RoutingSchema,
  route,
} from '../../src/cases/routing.js';
import { normalize } from '../../src/nlu/normalize.js';
import { topicsOf } from '../../src/nlu/topics.js';
import { loadVillage } from '../../src/villages/load.js';
import type { Village } from '../../src/villages/schema.js';

let xihe: Village;
beforeAll(() => {
  xihe = loadVillage('villages/xihe').village;
});

const input = (over: Partial<RouteInput>): RouteInput => ({
  intent: 'service_request',
  urgent: false,
  topics: [],
  text: '',
  ...over,
});

describe('the 派单目录', () => {
  it('sends legal questions to the advisor for the topic', () => {
    const r = route(xihe, DEFAULT_ROUTING, input({ intent: 'legal_question', topics: ['交通事故'], text: '被车撞了' }));
    expect(r.owner).toMatchObject({ kind: 'advisor', role: '法律顾问' });
    expect(r.slaKind).toBe('general');
  });

  it('sends disputes to the mediation chair, land disputes on the complex clock', () => {
    expect(route(xihe, DEFAULT_ROUTING, input({ intent: 'dispute_report' })).owner.name).toBe('杜建军');
    expect(route(xihe, DEFAULT_ROUTING, input({ intent: 'dispute_report', topics: ['宅基地'] })).slaKind).toBe(
      'complex',
    );
  });

  it('puts land-contract and land-taking disputes on the complex clock, as the classifier names their topics', () => {
    for (const text of ['征地补偿款到现在一直没发', '转包给老张的租金他一直不给']) {
      const topics = topicsOf(normalize(text));
      for (const table of [DEFAULT_ROUTING, loadRouting('villages/xihe')]) {
        expect(route(xihe, table, input({ intent: 'dispute_report', topics, text })).slaKind).toBe('complex');
      }
    }
    expect(RoutingSchema.safeParse(DEFAULT_ROUTING).success).toBe(true);
  });

  it('refuses a routing.json naming a topic the classifier never finds, naming the file and the topic', () => {
    const dir = mkdtempSync(join(tmpdir(), 'routing-'));
    writeFileSync(
      join(dir, 'routing.json'),
      JSON.stringify({ routes: [{ intent: 'dispute_report', topics: ['宅基地', '征地拆迁'], owner: 'mediation' }] }),
    );
    expect(() => loadRouting(dir)).toThrow(RoutingError);
    expect(() => loadRouting(dir)).toThrow(`${join(dir, 'routing.json')}: routes.0.topics.1 "征地拆迁" is not a topic`);
  });

  it('sends water, power and road repairs to infrastructure within 24 hours, other services to the clerk', () => {
    const heard = (text: string) => input({ text, topics: topicsOf(text) });
    const repair = route(xihe, DEFAULT_ROUTING, heard('路灯坏了'));
    expect(repair).toMatchObject({ slaKind: 'utility', owner: { name: '龚满仓' } });
    // No word of a list, and still a road.
    expect(route(xihe, DEFAULT_ROUTING, heard('村口那段路坑坑洼洼的 下雨全是泥')).owner.name).toBe('龚满仓');
    expect(route(xihe, DEFAULT_ROUTING, input({ text: '开个证明' })).owner.name).toBe('程小燕');
  });

  it('gives proposals to the secretary and emergencies to the member on duty', () => {
    expect(route(xihe, DEFAULT_ROUTING, input({ intent: 'proposal' })).owner.name).toBe('贺长青');
    expect(route(xihe, DEFAULT_ROUTING, input({ intent: 'legal_question', urgent: true }))).toMatchObject({
      slaKind: 'urgent',
      owner: { name: '杜建军' },
    });
  });

  it('reads a village’s own routing.json and says what is wrong with a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'routing-'));
    expect(loadRouting(dir)).toBe(DEFAULT_ROUTING);
    writeFileSync(join(dir, 'routing.json'), JSON.stringify({ routes: [{ owner: { name: '苏梅' }, sla: 'complex' }] }));
    expect(route(xihe, loadRouting(dir), input({}))).toMatchObject({ owner: { name: '苏梅' }, slaKind: 'complex' });
    writeFileSync(join(dir, 'routing.json'), JSON.stringify({ routes: [{ owner: 'nobody' }] }));
    expect(() => loadRouting(dir)).toThrow(RoutingError);
    expect(() => loadRouting(dir)).toThrow(/routing\.json: routes\.0\.owner/);
  });

  it('the demo village’s own table sends family quarrels to the women’s director', () => {
    const own = loadRouting('villages/xihe');
    expect(route(xihe, own, input({ intent: 'dispute_report', text: '婆媳吵得厉害' })).owner.name).toBe('苏梅');
    expect(route(xihe, own, input({ intent: 'service_request', text: '垃圾好几天没人清运' })).owner.name).toBe(
      '龚满仓',
    );
  });
});

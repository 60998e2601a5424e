import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import { inDependencyOrder } from '../../src/admin/load-order.js';

const plugin = (name: string, dependencies: string[] = []) => fp(async () => {}, { name, dependencies });

describe('admin plugin load order', () => {
  it('loads a plugin after the plugins it declares, whatever the list order', () => {
    const cases = plugin('cases', ['auth', 'metrics']);
    const metrics = plugin('metrics', ['auth']);
    const auth = plugin('auth', ['cookie']);
    const cookie = plugin('cookie');
    const order = inDependencyOrder([cases, metrics, auth, cookie]);
    expect(order).toEqual([cookie, auth, metrics, cases]);
  });

  it('refuses plugins that depend on each other in a circle', () => {
    expect(() => inDependencyOrder([plugin('a', ['b']), plugin('b', ['a'])])).toThrow(/circle/);
  });
});

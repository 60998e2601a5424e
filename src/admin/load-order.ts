// fastify-plugin keeps `name` and `dependencies` here; avvio only checks them, so the order is ours to derive.
const META = Symbol.for('plugin-meta');
interface Meta {
  name?: string;
  dependencies?: string[];
}
const metaOf = (plugin: object): Meta => (plugin as unknown as Record<symbol, Meta | undefined>)[META] ?? {};

/**
 * The plugins in an order where each comes after the plugins it names in `dependencies` (the list's own order
 * otherwise). A dependency outside the list is left to Fastify, which refuses to start when it is missing.
 */
export function inDependencyOrder<P extends object>(plugins: readonly P[]): P[] {
  const byName = new Map(plugins.flatMap((p) => (metaOf(p).name ? [[metaOf(p).name as string, p] as const] : [])));
  const placed = new Set<P>();
  const visiting = new Set<P>();
  const order: P[] = [];
  const visit = (plugin: P) => {
    if (placed.has(plugin)) return;
    if (visiting.has(plugin)) throw new Error(`admin plugins depend on each other in a circle: ${metaOf(plugin).name}`);
    visiting.add(plugin);
    for (const dependency of metaOf(plugin).dependencies ?? []) {
      const needed = byName.get(dependency);
      if (needed) visit(needed);
    }
    visiting.delete(plugin);
    placed.add(plugin);
    order.push(plugin);
  };
  for (const plugin of plugins) visit(plugin);
  return order;
}

/**
 * Feature name → row, as an open-addressing table of two 32-bit hashes in one typed array. A Map of 30,000
 * strings spreads its entries and keys over megabytes of heap, and between two messages jieba, the regular
 * expressions and the JSON work push it out of the CPU caches: most lookups were cache misses. Here a lookup
 * reads one or two neighbouring slots of a 0.5 MB array. Two names sharing both hashes (odds about 2^-40 for a
 * model) are refused when the table is built, so a lookup never confuses two features of the model.
 */
export interface RowTable {
  /** Per slot: first hash, second hash, row + 1 (0: empty). */
  slots: Uint32Array;
  mask: number;
}

let second = 0;

/** FNV-1a of the UTF-16 units; the second hash (a multiply-xorshift mix) is left in `second`. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  let g = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    g = Math.imul(g ^ c, 0x85ebca6b) ^ (g >>> 13);
  }
  second = g >>> 0;
  return h >>> 0;
}

export function rowTable(names: readonly string[]): RowTable {
  let size = 1;
  while (size < names.length * 2) size <<= 1;
  const slots = new Uint32Array(size * 3);
  const mask = size - 1;
  names.forEach((name, row) => {
    const h = hash(name);
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const at = i * 3;
      if (slots[at + 2] === 0) {
        slots[at] = h;
        slots[at + 1] = second;
        slots[at + 2] = row + 1;
        return;
      }
      if (slots[at] === h && slots[at + 1] === second) throw new Error(`feature hash collision: "${name}"`);
    }
  });
  return { slots, mask };
}

/** The row of a feature name, or -1 when the table does not hold it. */
export function rowOf({ slots, mask }: RowTable, name: string): number {
  const h = hash(name);
  const g = second;
  for (let i = h & mask; ; i = (i + 1) & mask) {
    const at = i * 3;
    const row = slots[at + 2]!;
    if (row === 0) return -1;
    if (slots[at] === h && slots[at + 1] === g) return row - 1;
  }
}

/**
 * A seeded pseudo-random source: the demo dataset must come out identical on every build (tests
 * deep-compare two builds), so nothing here reads the platform random source or the clock.
 */

export interface Random {
  /** uniform in [0, 1) */
  next(): number
  /** integer in [min, max], both ends included */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  /** picks by weight; weights need not sum to 1 */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T
  /** a shuffled copy (Fisher–Yates) */
  shuffle<T>(items: readonly T[]): T[]
  chance(probability: number): boolean
}

/** FNV-1a, to turn a text seed into 32 bits. */
function hashSeed(seed: string | number): number {
  const text = String(seed)
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** mulberry32: tiny, fast and good enough for demo data (not for anything secret). */
export function createRandom(seed: string | number): Random {
  let state = hashSeed(seed)
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)]
    },
    weighted: (entries) => {
      const total = entries.reduce((sum, [, w]) => sum + w, 0)
      let r = next() * total
      for (const [value, w] of entries) {
        r -= w
        if (r < 0) return value
      }
      return entries[entries.length - 1][0]
    },
    shuffle: (items) => {
      const copy = items.slice()
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[copy[i], copy[j]] = [copy[j], copy[i]]
      }
      return copy
    },
    chance: (p) => next() < p,
  }
  return random
}

/** Seeded randomness (mulberry32): the same seed always builds the same workspace. No Math.random here. */
export type Random = {
  next(): number;
  /** An integer from min to max, both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** Roughly normal noise with mean 0 and standard deviation 1 (sum of uniforms). */
  gaussian(): number;
};

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
    gaussian: () => next() + next() + next() + next() + next() + next() - 3,
  };
}

/**
 * UUIDv7-shaped ids from the seeded generator: time-sortable like the app's own `newId`, but reproducible.
 * `ms` is the row's creation instant; a counter keeps ids made for the same instant in order.
 */
export function createIdFactory(random: Random): (ms: number) => string {
  let lastMs = 0;
  let sequence = 0;
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');
  return (requestedMs) => {
    let ms = Math.floor(requestedMs);
    if (ms <= lastMs) {
      ms = lastMs;
      sequence += 1;
      if (sequence > 0xfff) {
        lastMs += 1;
        ms = lastMs;
        sequence = 0;
      }
    } else {
      lastMs = ms;
      sequence = 0;
    }
    const time = hex(ms, 12);
    const variant = hex(0x8000 | Math.floor(random.next() * 0x4000), 4);
    const tail =
      hex(Math.floor(random.next() * 0x1000000), 6) + hex(Math.floor(random.next() * 0x1000000), 6);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(sequence, 3)}-${variant}-${tail}`;
  };
}

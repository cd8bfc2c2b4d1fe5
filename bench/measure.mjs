// How every timed figure is taken: in each round every contender runs once, the order rotating from round to round,
// and a ratio is taken inside each round; the figure is the median over rounds. Load from elsewhere on the machine
// then hits the contenders alike, and one disturbed round cannot move the result.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Milliseconds `fn` takes. */
export async function time(fn) {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/** Runs `rounds` rounds of `contenders` ({ name: async () => ms }); returns one { name: ms } per round. */
export async function interleave(contenders, rounds) {
  const names = Object.keys(contenders)
  const samples = []
  for (let r = 0; r < rounds; r++) {
    const sample = {}
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length] // each contender goes first in turn
      sample[name] = await contenders[name]()
    }
    samples.push(sample)
  }
  return samples
}

/** Median over rounds of a's time over b's, and the median time of each. */
export function compare(samples, a, b) {
  return {
    ratio: Math.round(median(samples.map((s) => s[a] / s[b])) * 100) / 100,
    ms: { [a]: median(samples.map((s) => s[a])), [b]: median(samples.map((s) => s[b])) },
  }
}

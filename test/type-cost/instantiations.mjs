// Type instantiations tsc spends on sdk.ts (the four SDK clients) and on openapi-fetch.ts (the same calls on bare
// openapi-fetch), read from `tsc --extendedDiagnostics`. Deterministic for one TypeScript version, so
// test/type-cost.test.ts asserts the ratio and `pnpm bench` prints it. Needs the built packages (`pnpm build`).
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

export const MAX_RATIO = 1.5

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')

/** Instantiations of one fixture project; throws with tsc's output when the project does not compile cleanly. */
export function instantiations(tsconfig) {
  const project = fileURLToPath(new URL(tsconfig, import.meta.url))
  const res = spawnSync(process.execPath, [tsc, '-p', project, '--extendedDiagnostics', '--pretty', 'false'], { encoding: 'utf8' })
  const output = `${res.stdout}${res.stderr}`
  const count = /^Instantiations:\s+(\d+)$/m.exec(output)?.[1]
  if (res.status !== 0 || count === undefined) throw new Error(`tsc -p ${tsconfig} exited with ${res.status} (built? run \`pnpm build\`):\n${output}`)
  return Number(count)
}

export function measure() {
  const sdk = instantiations('tsconfig.sdk.json')
  const openapiFetch = instantiations('tsconfig.openapi-fetch.json')
  return { sdk, openapiFetch, ratio: Math.round((sdk / openapiFetch) * 100) / 100 }
}

// Cold import: a fresh node process per sample times `await import(...)` of @parley/sdk (every vendor) and of
// openapi-fetch alone, both resolved from bench/ as a consumer's would be. Node's own start-up is not counted.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { compare, interleave } from './measure.mjs'

export const target = 1.5

function coldImportMs(specifier) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t))`
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  if (res.status !== 0) throw new Error(`import('${specifier}') failed in a fresh node (built?): ${res.stderr}`)
  return Number(res.stdout)
}

export async function measure({ rounds = 21 } = {}) {
  const contenders = { sdk: () => coldImportMs('@parley/sdk'), openapiFetch: () => coldImportMs('openapi-fetch') }
  await interleave(contenders, 1) // warms the file-system cache
  return { rounds, ...compare(await interleave(contenders, rounds), 'sdk', 'openapiFetch') }
}

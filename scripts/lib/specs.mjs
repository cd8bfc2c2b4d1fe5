// Where the specs live and what each one is called: specs/<name>.yaml -> packages/<name>, @parley/<name>.
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const SPECS_DIR = join(ROOT, 'specs')

/** @returns {{name: string, file: string, path: string, packageName: string}[]} */
export function listSpecs() {
  return readdirSync(SPECS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.yaml$/, '')
      return { name, file, path: join(SPECS_DIR, file), packageName: `@parley/${name}` }
    })
}

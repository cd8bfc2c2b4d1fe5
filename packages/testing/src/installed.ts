// Which APIs a project has installed: its own dependencies that ship openapi.yaml, plus the per-API packages that
// come with @parley/sdk.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

/** Installed packages that ship a spec, each with the path of its openapi.yaml. */
export function installedApis(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const visit = (dir: string, names: string[]) => {
    const require = createRequire(join(dir, 'package.json'))
    for (const name of names) {
      try {
        out[name] ??= require.resolve(`${name}/openapi.yaml`)
      } catch {
        // not an API package
      }
    }
    return require
  }
  const deps = (dir: string) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
    return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]
  }
  const names = deps(root)
  const require = visit(root, names)
  if (names.includes('@parley/sdk')) {
    const sdkDir = join(require.resolve('@parley/sdk/package.json'), '..')
    visit(sdkDir, deps(sdkDir))
  }
  return out
}

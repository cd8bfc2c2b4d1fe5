// A user's project outside the workspace: the SDK and the per-API packages packed with pnpm (workspace: and
// catalog: ranges rewritten, as published), installed from the tarballs with plain npm, plus the smoke client and
// the type-check consumer. Reads the built packages: `pnpm build` must have run.
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, listSpecs } from '../lib/specs.mjs'
import { npmEnv, ok, run } from './exec.mjs'

export const PACKAGE_DIRS = ['sdk', ...listSpecs().map((s) => s.name)]

/** Makes the project in `work`/consumer and returns its path. */
export async function createConsumerProject(work, root = ROOT) {
  const packDir = join(work, 'tarballs')
  const project = join(work, 'consumer')
  mkdirSync(packDir, { recursive: true })
  mkdirSync(project, { recursive: true })
  for (const dir of PACKAGE_DIRS) {
    if (!existsSync(join(root, 'packages', dir, 'dist', 'esm', 'index.js'))) throw new Error(`packages/${dir} is not built: run \`pnpm build\` first`)
  }
  await Promise.all(
    PACKAGE_DIRS.map(async (dir) =>
      ok(await run('npx', ['--yes', 'pnpm@10', 'pack', '--pack-destination', packDir], { cwd: join(root, 'packages', dir), timeoutMs: 120_000 }), `pnpm pack in packages/${dir}`),
    ),
  )
  const tarballs = readdirSync(packDir).filter((f) => f.endsWith('.tgz'))
  if (tarballs.length !== PACKAGE_DIRS.length) throw new Error(`pnpm pack made ${tarballs.join(', ')} for ${PACKAGE_DIRS.join(', ')}`)

  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'parley-smoke', private: true, type: 'module' }, null, 2)}\n`)
  const install = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs.map((f) => join(packDir, f))]
  ok(await run('npm', install, { cwd: project, env: npmEnv(), timeoutMs: 180_000 }), 'npm install of the tarballs')
  for (const dir of PACKAGE_DIRS) {
    const installed = join(project, 'node_modules', '@parley', dir, 'dist', 'esm', 'index.js')
    if (!existsSync(installed)) throw new Error(`the tarball of packages/${dir} has no dist/esm/index.js: was it being rebuilt while it was packed?`)
  }

  const here = new URL('.', import.meta.url)
  copyFileSync(new URL('client.mjs', here), join(project, 'client.mjs'))
  copyFileSync(new URL('consumer.ts', here), join(project, 'consumer.ts'))
  // What a strict user compiles with; skipLibCheck off so the shipped declarations are checked too, and declarations
  // emitted (as a library does) so a type the SDK cannot name there fails the check.
  const compilerOptions = {
    module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], strict: true,
    exactOptionalPropertyTypes: true, declaration: true, emitDeclarationOnly: true, outDir: 'declarations',
    skipLibCheck: false, types: [],
  }
  writeFileSync(join(project, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, files: ['consumer.ts'] }, null, 2)}\n`)
  return project
}

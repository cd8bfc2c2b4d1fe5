#!/usr/bin/env node
// Builds the package in the current directory: ESM and CommonJS, each with its own declarations (so both
// `import` and `require` get types of the right module kind), plus the package's spec as openapi.yaml.
//
// A package that lists `parley.bundle` entries (the SDK) also gets its ESM JavaScript bundled into one file per entry:
// a cold `import('@parley/sdk')` then loads three files (the entry, errors.js and webhooks.js) instead of ~30, which
// is most of what an import costs. The modules listed in `parley.shared` stay one file each that every entry imports:
// errors.js, so `instanceof ApiError` holds whichever entry made the client and whichever the caller imported the
// class from; webhooks.js, so the receivers are in no entry's file and a bundler drops them, unread, from an app that
// only sends (code left in an entry's file, even unused, shifts the minifier's names). The `browser` build swaps files
// named in `parley.browser` (a redirect follower a browser cannot use) for their browser versions.
import { spawnSync } from 'node:child_process'
import { copyFileSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { ROOT } from './lib/specs.mjs'

const require = createRequire(import.meta.url)
const tsc = require.resolve('typescript/bin/tsc')
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))

function run(args) {
  const res = spawnSync(process.execPath, [tsc, ...args], { stdio: 'inherit' })
  if (res.status !== 0) process.exit(res.status ?? 1)
}

rmSync('dist', { recursive: true, force: true })
run(['-p', 'tsconfig.json', '--outDir', 'dist/esm'])
// A Node-only ESM package (`parley.cjs: false`, @parley/testing) has no CommonJS build: require(esm) loads it.
if (pkg.parley?.cjs !== false) {
  run(['-p', 'tsconfig.json', '--outDir', 'dist/cjs', '--module', 'commonjs', '--moduleResolution', 'node10',
    '--verbatimModuleSyntax', 'false'])
  writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n')
}
if (pkg.parley?.spec) copyFileSync(join(ROOT, 'specs', pkg.parley.spec), 'openapi.yaml')

if (pkg.parley?.bundle) {
  const { build } = await import('esbuild')
  const shared = pkg.parley.shared ?? []
  const entryPoints = Object.fromEntries([...pkg.parley.bundle, ...shared].map((name) => [name, `src/${name}.ts`]))
  const swaps = Object.entries(pkg.parley.browser ?? {}).map(([from, to]) => [resolve(from), resolve(to)])
  // An import of a shared module (from anywhere but the module itself) stays an import of its own file.
  const sharedFiles = new Map(shared.map((name) => [resolve(`src/${name}.ts`), `./${name}.js`]))
  const sharedModules = {
    name: 'shared-modules',
    setup(b) {
      b.onResolve({ filter: /\.js$/ }, (args) => {
        const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'))
        return sharedFiles.has(target) && args.importer !== target ? { path: sharedFiles.get(target), external: true } : undefined
      })
    },
  }
  const common = {
    entryPoints,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    // Sibling @parley packages are inlined (only their small operation maps are runtime code); third-party
    // dependencies stay external.
    external: Object.keys(pkg.dependencies ?? {}).filter((d) => !d.startsWith('@parley/')),
    logLevel: 'warning',
  }
  // tsc's per-module ESM JavaScript is replaced by the bundles; its declarations stay.
  for (const file of walk('dist/esm')) if (file.endsWith('.js')) rmSync(file)
  await build({ ...common, outdir: 'dist/esm', platform: 'neutral', plugins: [sharedModules] })
  await build({
    ...common,
    outdir: 'dist/browser',
    platform: 'browser',
    plugins: [
      sharedModules,
      {
        name: 'browser-swaps',
        setup(b) {
          b.onResolve({ filter: /^\./ }, (args) => {
            const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'))
            const swap = swaps.find(([from]) => from === target)
            return swap ? { path: swap[1] } : undefined
          })
        },
      },
    ],
  })
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* walk(path)
    else yield path
  }
}

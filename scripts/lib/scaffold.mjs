// A new spec gets a package to live in, so adding one needs no change to the generator. The entry file is the
// starting point a maintainer then edits (friendly aliases); src/webhooks.ts re-exports the generated webhook
// examples for the `/webhooks` subpath; everything under src/generated stays generated.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './specs.mjs'

const pascal = (name) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase())

export function scaffoldPackage(spec, doc) {
  const dir = join(ROOT, 'packages', spec.name)
  const factory = `create${pascal(spec.name)}Client`
  const baseUrl = doc.servers?.[0]?.url ?? ''
  mkdirSync(join(dir, 'src'), { recursive: true })
  const pkg = {
    name: spec.packageName,
    version: '0.1.0',
    description: `Typed fetch client for ${doc.info?.title ?? spec.name}, generated from its OpenAPI spec.`,
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    exports: {
      '.': {
        import: { types: './dist/esm/index.d.ts', default: './dist/esm/index.js' },
        require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' },
      },
      './webhooks': {
        import: { types: './dist/esm/webhooks.d.ts', default: './dist/esm/webhooks.js' },
        require: { types: './dist/cjs/webhooks.d.ts', default: './dist/cjs/webhooks.js' },
      },
      './openapi.yaml': './openapi.yaml',
      './package.json': './package.json',
    },
    main: './dist/cjs/index.js',
    module: './dist/esm/index.js',
    types: './dist/cjs/index.d.ts',
    files: ['dist', 'openapi.yaml', 'README.md'],
    engines: { node: '>=20.19' },
    scripts: { build: 'node ../../scripts/build-package.mjs' },
    dependencies: { 'openapi-fetch': 'catalog:' },
    parley: { spec: spec.file },
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
  writeFileSync(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist/esm' }, include: ['src'] }, null, 2)}\n`,
  )
  writeFileSync(
    join(dir, 'src', 'index.ts'),
    `import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { paths } from './generated/schema.js'

export type { components, operations as operationTypes, paths, webhooks } from './generated/schema.js'
export { operationList, operations, rateLimit } from './generated/operations.js'

/** The vendor's production base URL (the spec's first server). */
export const defaultBaseUrl = ${JSON.stringify(baseUrl)}

export function ${factory}(options: ClientOptions = {}): Client<paths> {
  return createClient<paths>({ baseUrl: defaultBaseUrl, ...options })
}
`,
  )
  writeFileSync(
    join(dir, 'src', 'webhooks.ts'),
    `// The spec's sample webhook deliveries, on a subpath of their own so that importing the client never loads them.
export { webhookExamples, type WebhookBody } from './generated/webhook-examples.js'
`,
  )
}

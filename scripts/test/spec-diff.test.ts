// pnpm spec:diff: the classifier on fixture pairs (each case is fixtures/spec-diff/cases/<case>/head.yaml against the
// shared fixtures/spec-diff/base.yaml, or against the case's own base.yaml where it needs one; each asserts the exact
// list of changes and the bump), a few inline edge cases, and the CLI on throwaway git repositories.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { afterAll, describe, expect, it } from 'vitest'
import { renderChangeset } from '../lib/spec-diff/changeset.mjs'
import { diffSpecs } from '../lib/spec-diff/compare.mjs'
import { KINDS, bumpFor } from '../lib/spec-diff/rules.mjs'
import { listSpecs } from '../lib/specs.mjs'

const FIXTURES = fileURLToPath(new URL('./fixtures/spec-diff/', import.meta.url))
const CLI = fileURLToPath(new URL('../spec-diff.mjs', import.meta.url))

type Row = { kind: string; breaking: boolean; where: string }
const B = (kind: string, where: string): Row => ({ kind, breaking: true, where })
const A = (kind: string, where: string): Row => ({ kind, breaking: false, where })
const D = (where: string): Row => ({ kind: 'docs-changed', breaking: false, where })

const CASE_DIR = join(FIXTURES, 'cases')
/** The file of one side of a case; a case without its own base.yaml starts from the shared one. */
function fixtureFile(name: string, side: 'base' | 'head'): string {
  const own = join(CASE_DIR, name, `${side}.yaml`)
  return side === 'base' && !existsSync(own) ? join(FIXTURES, 'base.yaml') : own
}
const load = (file: string) => parse(readFileSync(file, 'utf8'))
function diffFixture(name: string) {
  return diffSpecs(load(fixtureFile(name, 'base')), load(fixtureFile(name, 'head')))
}
const rows = (changes: { kind: string; breaking: boolean; where: string }[]): Row[] =>
  changes.map(({ kind, breaking, where }) => ({ kind, breaking, where }))

// Every fixture pair, with the exact changes (breaking first, then additive, then docs) and the bump.
const CASES: Record<string, { bump: string; changes: Row[] }> = {
  'operation-removed': { bump: 'major', changes: [B('operation-removed', 'DELETE /messages/{id}')] },
  'operation-added': {
    bump: 'minor',
    changes: [A('component-added', 'components.schemas.MessageEdit'), A('operation-added', 'PUT /messages/{id}')],
  },
  'path-changed': {
    bump: 'major',
    changes: [
      B('operation-removed', 'GET /messages/{id}'),
      B('operation-removed', 'DELETE /messages/{id}'),
      A('operation-added', 'GET /messages/{messageId}'),
      A('operation-added', 'DELETE /messages/{messageId}'),
    ],
  },
  'method-changed': {
    bump: 'major',
    changes: [B('operation-removed', 'DELETE /messages/{id}'), A('operation-added', 'POST /messages/{id}')],
  },
  'parameter-added-required': { bump: 'major', changes: [B('parameter-added-required', 'GET /messages query.channel')] },
  'parameter-added-optional': {
    bump: 'minor',
    changes: [A('parameter-added-optional', 'GET /messages query.cursor'), A('parameter-added-optional', 'GET /messages header.x-trace')],
  },
  'parameter-made-required': { bump: 'major', changes: [B('parameter-made-required', 'GET /messages query.since')] },
  'parameter-removed': { bump: 'major', changes: [B('parameter-removed', 'GET /messages query.since')] },
  'parameter-schema-narrowed': {
    bump: 'major',
    changes: [B('request-constraint-tightened', 'GET /messages query.limit'), B('request-constraint-changed', 'GET /messages query.since')],
  },
  'request-field-added-required': { bump: 'major', changes: [B('request-field-added-required', 'POST /messages requestBody.channel')] },
  'request-field-added-optional': { bump: 'minor', changes: [A('request-field-added-optional', 'POST /messages requestBody.metadata')] },
  'request-field-made-required': { bump: 'major', changes: [B('request-field-made-required', 'POST /messages requestBody.subject')] },
  'request-type-narrowed': {
    bump: 'major',
    changes: [B('request-type-narrowed', 'POST /messages requestBody.priority'), B('request-type-narrowed', 'POST /messages requestBody.replyTo')],
  },
  'request-enum-narrowed': { bump: 'major', changes: [B('request-enum-narrowed', 'POST /messages requestBody.kind')] },
  'request-enum-widened': {
    bump: 'minor',
    changes: [A('request-constraint-loosened', 'POST /messages requestBody.text'), A('request-enum-widened', 'POST /messages requestBody.kind')],
  },
  'request-constraint-tightened': {
    bump: 'major',
    changes: [B('request-constraint-tightened', 'POST /messages requestBody.text'), B('request-constraint-tightened', 'POST /messages requestBody.subject')],
  },
  'request-body-made-optional': {
    bump: 'minor',
    changes: [A('request-body-made-optional', 'POST /messages requestBody'), A('request-media-type-added', 'POST /messages requestBody[text/plain]')],
  },
  'union-variants': {
    bump: 'major',
    changes: [
      B('response-variant-added', 'GET /messages/{id} responses.200.content'),
      A('component-added', 'components.schemas.FileContent'),
      A('request-variant-added', 'POST /messages requestBody.content'),
    ],
  },
  'union-variant-removed': {
    bump: 'major',
    changes: [
      B('request-variant-removed', 'POST /messages requestBody.content'),
      A('response-variant-removed', 'GET /messages/{id} responses.200.content'),
    ],
  },
  'response-field-removed': { bump: 'major', changes: [B('response-field-removed', 'GET /messages/{id} responses.200.createdAt')] },
  'response-field-added': {
    bump: 'minor',
    changes: [
      A('response-header-added', 'GET /messages/{id} responses.200.headers.x-request-id'),
      A('response-field-added', 'GET /messages/{id} responses.200.updatedAt'),
    ],
  },
  'response-field-made-optional': { bump: 'major', changes: [B('response-field-made-optional', 'GET /messages/{id} responses.200.text')] },
  'response-field-made-nullable': {
    bump: 'major',
    changes: [
      B('response-field-made-nullable', 'GET /messages/{id} responses.200.text'),
      B('response-field-made-nullable', 'GET /messages/{id} responses.200.author'),
    ],
  },
  'response-enum-widened': {
    bump: 'major',
    changes: [B('response-enum-widened', 'GET /messages/{id} responses.200.status'), A('error-status-added', 'GET /messages/{id} responses.429')],
  },
  'response-constraints': {
    bump: 'major',
    changes: [
      B('response-constraint-loosened', 'GET /messages/{id} responses.200.text'),
      A('response-constraint-tightened', 'GET /messages/{id} responses.200.headers.x-ratelimit-remaining'),
    ],
  },
  'response-status-changed': {
    bump: 'major',
    changes: [B('response-status-added', 'POST /messages responses.200'), B('response-status-removed', 'POST /messages responses.201')],
  },
  'response-header-removed': {
    bump: 'major',
    changes: [
      B('component-removed', 'components.headers.RateLimitRemaining'),
      B('response-header-removed', 'GET /messages/{id} responses.200.headers.x-ratelimit-remaining'),
    ],
  },
  'server-changed': { bump: 'major', changes: [B('server-changed', 'servers'), A('server-added', 'servers')] },
  'server-added': { bump: 'minor', changes: [A('server-added', 'servers')] },
  'security-changed': {
    bump: 'major',
    changes: [B('security-scheme-changed', 'securitySchemes.apiKey'), B('security-changed', 'DELETE /messages/{id} security')],
  },
  'security-alternative-added': { bump: 'minor', changes: [A('security-alternative-added', 'security')] },
  'idempotency-removed': { bump: 'major', changes: [B('idempotency-removed', 'DELETE /messages/{id}')] },
  'pagination-added': {
    bump: 'minor',
    changes: [A('pagination-added', 'GET /messages'), A('deprecated', 'GET /messages query.since')],
  },
  'docs-only': {
    bump: 'patch',
    changes: [
      D('info'),
      D('document'),
      D('GET /messages'),
      D('GET /messages/{id}'),
      D('GET /messages/{id} path.id'),
      D('GET /messages/{id} responses.200'),
      D('GET /messages/{id} responses.200.text'),
      D('DELETE /messages/{id} path.id'),
    ],
  },
  'no-change': { bump: 'none', changes: [] },
  // Webhooks, from the receiver's side (these cases have their own base.yaml, with two events).
  'webhook-event-removed': { bump: 'major', changes: [B('webhook-removed', 'WEBHOOK message.deleted')] },
  'webhook-event-added': {
    // The event is also added to the WebhookEvent union: that widens no existing event's body.
    bump: 'minor',
    changes: [A('component-added', 'components.schemas.MessageReadEvent'), A('webhook-added', 'WEBHOOK message.read')],
  },
  'webhook-payload-field-removed': {
    bump: 'major',
    changes: [B('response-field-removed', 'WEBHOOK message.created body.data.text'), D('WEBHOOK message.created body')],
  },
  'webhook-payload-field-added': {
    bump: 'minor',
    changes: [
      A('response-field-made-required', 'WEBHOOK message.created body.data.text'),
      A('response-field-added', 'WEBHOOK message.created body.data.editedAt'),
    ],
  },
  'webhook-signature-changed': {
    bump: 'major',
    changes: [
      B('webhook-parameter-removed', 'WEBHOOK message.created header.x-signature'),
      B('webhook-parameter-removed', 'WEBHOOK message.deleted header.x-signature'),
      A('component-added', 'components.parameters.Timestamp'),
      A('webhook-parameter-added', 'WEBHOOK message.created header.x-signature-256'),
      A('webhook-parameter-added', 'WEBHOOK message.created header.x-timestamp'),
      A('webhook-parameter-added', 'WEBHOOK message.deleted header.x-signature-256'),
    ],
  },
}

describe('spec-diff classifier: fixture pairs', () => {
  it('has a fixture directory for every case and a case for every fixture directory', () => {
    expect(readdirSync(CASE_DIR).sort()).toEqual(Object.keys(CASES).sort())
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(15)
  })

  it('covers every rule of the issue', () => {
    const kinds = new Set(Object.values(CASES).flatMap((c) => c.changes.map((r) => r.kind)))
    for (const kind of [
      'operation-removed', 'operation-added', 'parameter-added-required', 'parameter-added-optional', 'parameter-made-required',
      'request-field-added-required', 'request-field-made-required', 'request-type-narrowed', 'request-enum-narrowed',
      'request-enum-widened', 'response-field-removed', 'response-field-added', 'response-field-made-optional',
      'response-field-made-nullable', 'server-changed', 'security-changed', 'docs-changed',
      'webhook-removed', 'webhook-added', 'webhook-parameter-removed', 'webhook-parameter-added',
    ]) {
      expect(kinds, kind).toContain(kind)
    }
    for (const bump of ['major', 'minor', 'patch', 'none']) expect(Object.values(CASES).map((c) => c.bump)).toContain(bump)
  })

  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name}: ${expected.bump}`, () => {
      const diff = diffFixture(name)
      expect(rows(diff.changes)).toEqual(expected.changes)
      expect(diff.bump).toBe(expected.bump)
      for (const c of diff.changes) {
        expect(Object.keys(c)).toEqual(['kind', 'breaking', 'where', 'detail'])
        expect(c.detail).not.toBe('')
      }
    })
  }

  it('explains what changed in `detail`', () => {
    const details = (name: string) => diffFixture(name).changes.map((c) => c.detail)
    expect(details('request-enum-narrowed')).toEqual(['value "image" removed'])
    expect(details('request-type-narrowed')).toEqual(['type integer | string → integer', 'no longer accepts null'])
    expect(details('request-field-made-required')).toEqual(['subject is now required'])
    expect(details('method-changed')).toEqual(['deleteMessage moved to POST /messages/{id}', 'deleteMessage moved from DELETE /messages/{id}'])
    expect(details('server-changed')).toEqual([
      'default server https://api.example.com/v1 → https://api.example.com/v2',
      'server https://eu.api.example.com/v2 added',
    ])
    expect(details('security-changed')[1]).toBe('requirement {apiKey} removed; {oauth(messages:write)} added')
  })
})

describe('spec-diff classifier: edge cases', () => {
  const doc = (schemas: Record<string, unknown>, body: unknown, response: unknown = { type: 'string' }) => ({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/x': {
        post: {
          operationId: 'x',
          'x-parley-idempotent': false,
          requestBody: { required: true, content: { 'application/json': { schema: body } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: response } } } },
        },
      },
    },
    components: { schemas },
  })

  it('a new spec adds every operation (minor); a deleted spec is major', () => {
    const head = doc({}, { type: 'string' })
    expect(diffSpecs(null, head)).toEqual({
      bump: 'minor',
      changes: [{ kind: 'operation-added', breaking: false, where: 'POST /x', detail: 'x added (new spec)' }],
    })
    expect(diffSpecs(head, null)).toEqual({
      bump: 'major',
      changes: [{ kind: 'spec-removed', breaking: true, where: 'spec', detail: 'the spec was deleted: every operation of the package is gone' }],
    })
    expect(diffSpecs(null, null)).toEqual({ bump: 'none', changes: [] })
  })

  it('finds nothing between each repository spec and itself', () => {
    for (const spec of listSpecs()) {
      const text = readFileSync(spec.path, 'utf8')
      expect(diffSpecs(parse(text), parse(text)), spec.file).toEqual({ bump: 'none', changes: [] })
    }
  })

  it('treats a plain schema turned into a union as a one-variant union (request widened, response widened)', () => {
    const base = doc({}, { type: 'string' }, { type: 'string' })
    const union = { oneOf: [{ type: 'string' }, { type: 'integer' }] }
    expect(rows(diffSpecs(base, doc({}, union, union)).changes)).toEqual([
      B('response-variant-added', 'POST /x responses.200'),
      A('request-variant-added', 'POST /x requestBody'),
    ])
  })

  it('pairs unnamed variants by position, and calls a schema replaced by an unrelated union a type change', () => {
    const filters = (id: unknown) => ({ anyOf: [{ required: ['a'] }, { type: 'object', required: ['b'], properties: { b: id } }] })
    expect(rows(diffSpecs(doc({}, filters({})), doc({}, filters({ type: 'string' }))).changes)).toEqual([
      B('request-type-narrowed', 'POST /x requestBody(#2).b'),
    ])
    const union = { oneOf: [{ type: 'integer' }, { type: 'boolean' }] }
    expect(diffSpecs(doc({}, { type: 'string' }), doc({}, union)).changes).toEqual([
      { kind: 'request-type-changed', breaking: true, where: 'POST /x requestBody', detail: 'a single schema → oneOf of #1 | #2' },
    ])
  })

  it('terminates on recursive schemas and still sees a change deep inside them', () => {
    const node = (extra: Record<string, unknown>) => ({
      Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, ...extra } },
    })
    const ref = { $ref: '#/components/schemas/Node' }
    expect(diffSpecs(doc(node({}), ref, ref), doc(node({}), ref, ref)).changes).toEqual([])
    // The recursion is reported once, where the type is first met (children[] is the same type again).
    expect(rows(diffSpecs(doc(node({}), ref, ref), doc(node({ size: { type: 'integer' } }), ref, ref)).changes)).toEqual([
      A('request-field-added-optional', 'POST /x requestBody.size'),
      A('response-field-added', 'POST /x responses.200.size'),
    ])
    const nested = (extra: Record<string, unknown>) => ({ Wrapper: { type: 'object', properties: { node: ref } }, ...node(extra) })
    const wrapper = { $ref: '#/components/schemas/Wrapper' }
    expect(rows(diffSpecs(doc(nested({}), wrapper), doc(nested({ size: { type: 'integer' } }), wrapper)).changes)).toEqual([
      A('request-field-added-optional', 'POST /x requestBody.node.size'),
    ])
  })

  it('ignores readOnly properties in requests and a new default; a changed request default is breaking', () => {
    const schema = (idExtra: Record<string, unknown>, mode: unknown) => ({
      type: 'object',
      properties: { id: { type: 'string', ...idExtra }, mode: { type: 'string', ...(mode === undefined ? {} : { default: mode }) } },
    })
    const base = doc({}, schema({}, undefined))
    expect(rows(diffSpecs(base, doc({}, schema({ readOnly: true }, undefined))).changes)).toEqual([B('request-field-removed', 'POST /x requestBody.id')])
    expect(rows(diffSpecs(base, doc({}, schema({}, 'fast'))).changes)).toEqual([D('POST /x requestBody.mode')])
    expect(rows(diffSpecs(doc({}, schema({}, 'fast')), doc({}, schema({}, 'safe'))).changes)).toEqual([
      B('request-default-changed', 'POST /x requestBody.mode'),
    ])
  })

  it('a new spec adds its webhooks too; a webhook parameter made optional is breaking, made required additive', () => {
    const spec = (required: boolean) => ({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      webhooks: {
        'thing.done': {
          post: {
            parameters: [{ name: 'X-Sig', in: 'header', required, schema: { type: 'string' } }],
            requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    })
    expect(diffSpecs(null, spec(true)).changes).toEqual([
      { kind: 'webhook-added', breaking: false, where: 'WEBHOOK thing.done', detail: 'thing.done added (new spec)' },
    ])
    expect(rows(diffSpecs(spec(true), spec(false)).changes)).toEqual([B('webhook-parameter-made-optional', 'WEBHOOK thing.done header.x-sig')])
    expect(rows(diffSpecs(spec(false), spec(true)).changes)).toEqual([A('webhook-parameter-made-required', 'WEBHOOK thing.done header.x-sig')])
  })

  it('reports a keyword it has no rule for as a breaking schema change', () => {
    const base = doc({}, { type: 'object', not: { required: ['a'] } })
    const head = doc({}, { type: 'object', not: { required: ['b'] } })
    expect(rows(diffSpecs(base, head).changes)).toEqual([B('request-schema-changed', 'POST /x requestBody')])
  })

  it('bumps major > minor > patch > none, and knows every kind it emits', () => {
    const c = (kind: string) => ({ kind, breaking: KINDS[kind]?.severity === 'breaking', where: 'w', detail: 'd' })
    expect(bumpFor([c('docs-changed'), c('operation-added'), c('operation-removed')])).toBe('major')
    expect(bumpFor([c('docs-changed'), c('operation-added')])).toBe('minor')
    expect(bumpFor([c('docs-changed')])).toBe('patch')
    expect(bumpFor([])).toBe('none')
    expect(() => bumpFor([c('no-such-kind')])).toThrow(/unknown change kind/)
  })
})

describe('spec-diff CLI', () => {
  const dirs: string[] = []
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  const gitIn = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=spec-diff', '-c', 'user.email=spec-diff@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  /** A fresh git repository on `main` whose first commit holds specs/demo.yaml (the `case` base fixture). */
  function repo(fixture: string) {
    const dir = mkdtempSync(join(tmpdir(), 'spec-diff-'))
    dirs.push(dir)
    gitIn(dir, 'init', '-q', '-b', 'main')
    mkdirSync(join(dir, 'specs'))
    writeFileSync(join(dir, 'specs', 'demo.yaml'), readFileSync(fixtureFile(fixture, 'base')))
    gitIn(dir, 'add', '.')
    gitIn(dir, 'commit', '-q', '-m', 'base')
    return dir
  }
  const useHead = (dir: string, fixture: string, file = 'demo.yaml') =>
    writeFileSync(join(dir, 'specs', file), readFileSync(fixtureFile(fixture, 'head')))
  const cli = (cwd: string, ...args: string[]) => {
    const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' })
    return { status: res.status, stdout: res.stdout, stderr: res.stderr }
  }

  it('--json prints {package: {bump, changes: [{kind, breaking, where, detail}]}} against --base', () => {
    const dir = repo('request-field-made-required')
    useHead(dir, 'request-field-made-required')
    const { status, stdout, stderr } = cli(dir, '--base', 'HEAD', '--json')
    expect(status, stderr).toBe(0)
    expect(JSON.parse(stdout)).toEqual({
      '@parley/demo': {
        bump: 'major',
        changes: [
          { kind: 'request-field-made-required', breaking: true, where: 'POST /messages requestBody.subject', detail: 'subject is now required' },
        ],
      },
    })
  })

  it('defaults to the merge base with main, and falls back to HEAD (saying so) on main', () => {
    const dir = repo('response-field-removed')
    gitIn(dir, 'checkout', '-q', '-b', 'feature')
    useHead(dir, 'response-field-removed')
    gitIn(dir, 'commit', '-q', '-am', 'drop createdAt')
    const onBranch = cli(dir, '--json')
    expect(onBranch.stderr).toBe('')
    expect(JSON.parse(onBranch.stdout)['@parley/demo'].changes.map((c: Row) => c.kind)).toEqual(['response-field-removed'])

    gitIn(dir, 'checkout', '-q', 'main')
    const onMain = cli(dir, '--json')
    expect(onMain.status).toBe(0)
    expect(JSON.parse(onMain.stdout)).toEqual({})
    expect(onMain.stderr).toMatch(/on main itself, comparing against HEAD/)
  })

  it('no spec changed: {} with --json, "bump none" for humans, and --write writes nothing', () => {
    const dir = repo('no-change')
    expect(JSON.parse(cli(dir, '--base', 'HEAD', '--json').stdout)).toEqual({})
    const human = cli(dir, '--base', 'HEAD', '--write')
    expect(human.stdout).toBe('No spec changed since HEAD: bump none.\n')
    expect(human.stderr).toMatch(/no changeset written/)
    expect(readdirSync(dir)).not.toContain('.changeset')

    useHead(dir, 'no-change') // reformatted only: the file differs, nothing users see
    expect(JSON.parse(cli(dir, '--base', 'HEAD', '--json').stdout)).toEqual({ '@parley/demo': { bump: 'none', changes: [] } })
  })

  it('--write adds a changeset with the bump and a summary, breaking changes first', () => {
    const dir = repo('response-enum-widened')
    useHead(dir, 'response-enum-widened')
    const { status, stdout, stderr } = cli(dir, '--base', 'HEAD', '--write')
    expect(status, stderr).toBe(0)
    expect(stdout).toContain('@parley/demo: major (1 breaking, 1 additive, 0 docs)')
    expect(stdout).toContain('BREAKING  GET /messages/{id} responses.200.status: value "delivered" added [response-enum-widened]')
    const files = readdirSync(join(dir, '.changeset'))
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^spec-diff-[0-9a-f]{8}\.md$/)
    expect(stderr).toContain(`wrote .changeset/${files[0]}`)
    const content = readFileSync(join(dir, '.changeset', files[0] as string), 'utf8')
    expect(content).toBe(
      [
        '---',
        '"@parley/demo": major',
        '---',
        '',
        '**@parley/demo** (major): OpenAPI spec changes',
        '',
        '- **Breaking:** response enum widened: `GET /messages/{id} responses.200.status` (value "delivered" added)',
        '- error status added: `GET /messages/{id} responses.429` (status 429 added)',
        '',
      ].join('\n'),
    )
    cli(dir, '--base', 'HEAD', '--write') // same changes: same file, not a second one
    expect(readdirSync(join(dir, '.changeset'))).toEqual(files)
  })

  it('a spec new since base is minor, a deleted one major; only changed packages are listed', () => {
    const dir = repo('operation-added')
    useHead(dir, 'docs-only', 'other.yaml')
    rmSync(join(dir, 'specs', 'demo.yaml'))
    const out = JSON.parse(cli(dir, '--base', 'HEAD', '--json').stdout)
    expect(Object.keys(out)).toEqual(['@parley/demo', '@parley/other'])
    expect(out['@parley/demo'].bump).toBe('major')
    expect(out['@parley/demo'].changes.map((c: Row) => c.kind)).toEqual(['spec-removed'])
    expect(out['@parley/other'].bump).toBe('minor')
    expect(out['@parley/other'].changes.every((c: Row) => c.kind === 'operation-added')).toBe(true)
  })

  it('rejects an unknown argument or a base that is not a commit', () => {
    const dir = repo('no-change')
    expect(cli(dir, '--nope')).toMatchObject({ status: 1, stderr: expect.stringMatching(/unknown argument --nope/) })
    expect(cli(dir, '--base', 'no-such-ref')).toMatchObject({ status: 1, stderr: expect.stringMatching(/not a commit/) })
  })

  it('a changeset covers several packages, with documentation changes folded into one line', () => {
    const changeset = renderChangeset({
      '@parley/a': diffFixture('docs-only'),
      '@parley/b': diffFixture('no-change'),
      '@parley/c': diffFixture('operation-added'),
    })
    expect(changeset?.content).toMatch(/^---\n"@parley\/a": patch\n"@parley\/c": minor\n---\n/)
    expect(changeset?.content).toContain('- Documentation: 8 changes (`info`, `document`, `GET /messages`, `GET /messages/{id}`, `GET /messages/{id} path.id` and 3 more)')
    expect(changeset?.content).not.toContain('@parley/b')
    expect(renderChangeset({ '@parley/b': diffFixture('no-change') })).toBeNull()
  })
})

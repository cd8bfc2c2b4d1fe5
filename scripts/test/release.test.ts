// The release loop: changesets bump each package independently and write its CHANGELOG; `pnpm release --dry-run`
// packs and checks every publishable package without uploading anything.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../test/support/paths.js'

const tmp = mkdtempSync(join(tmpdir(), 'parley-release-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'))

describe('changesets: independent versions and changelogs', () => {
  it('a major changeset for one API package bumps it, patches its dependent SDK, leaves the others alone', () => {
    // A miniature of the workspace: the real changeset config, two API packages and the SDK depending on both.
    mkdirSync(join(tmp, '.changeset'), { recursive: true })
    // The real config, minus `ignore` (it names workspace packages this miniature does not have).
    const config = { ...readJson(join(ROOT, '.changeset', 'config.json')), ignore: [] }
    writeFileSync(join(tmp, '.changeset', 'config.json'), JSON.stringify(config))
    writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }))
    const pkg = (name: string, deps: Record<string, string> = {}) => {
      mkdirSync(join(tmp, 'packages', name), { recursive: true })
      writeFileSync(join(tmp, 'packages', name, 'package.json'), JSON.stringify({ name: `@parley/${name}`, version: '0.1.0', dependencies: deps }))
    }
    pkg('stackone-messaging')
    pkg('brevo-conversations')
    pkg('sdk', { '@parley/stackone-messaging': '^0.1.0', '@parley/brevo-conversations': '^0.1.0' })
    writeFileSync(
      join(tmp, '.changeset', 'spec-update.md'),
      '---\n"@parley/stackone-messaging": major\n---\n\nBreaking: `messaging_get_user` removed.\n',
    )
    spawnSync('git', ['init', '-q'], { cwd: tmp })
    const res = spawnSync(join(ROOT, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: tmp, encoding: 'utf8' })
    expect(res.status, res.stderr).toBe(0)
    expect(readJson(join(tmp, 'packages', 'stackone-messaging', 'package.json')).version).toBe('1.0.0')
    expect(readJson(join(tmp, 'packages', 'brevo-conversations', 'package.json')).version).toBe('0.1.0')
    expect(readJson(join(tmp, 'packages', 'sdk', 'package.json')).version).toBe('0.1.1')
    const changelog = readFileSync(join(tmp, 'packages', 'stackone-messaging', 'CHANGELOG.md'), 'utf8')
    expect(changelog).toContain('## 1.0.0')
    expect(changelog).toContain('### Major Changes')
    expect(changelog).toContain('`messaging_get_user` removed')
  }, 60_000)
})

describe('pnpm release --dry-run', () => {
  it('packs and checks every publishable package, uploads nothing', () => {
    const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'release.mjs'), '--dry-run', '--skip-build'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, npm_config_loglevel: 'notice' },
    })
    const out = `${res.stdout}\n${res.stderr}`
    expect(res.status, out).toBe(0)
    for (const name of ['sdk', 'stackone-messaging', 'brevo-conversations', 'sunshine-conversations', 'mews-message-threads']) {
      const { version } = readJson(join(ROOT, 'packages', name, 'package.json'))
      expect(out).toContain(`+ @parley/${name}@${version}`)
    }
    expect(out).toContain('(dry-run)')
    expect(out).not.toContain('@parley/examples')
    expect(out).not.toContain('@parley/bench')
  }, 120_000)
})

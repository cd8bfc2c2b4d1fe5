#!/usr/bin/env node
// pnpm spec:diff [--base <git-ref>] [--json] [--write]
//
// For each specs/<name>.yaml that differs between <base> and the working tree, lists every change and classifies
// it for the users of @parley/<name> (breaking / additive / docs; rules in scripts/lib/spec-diff/rules.mjs) and
// the bump that follows (major / minor / patch / none).
//
//   --base <ref>  compare against this commit. Default: `git merge-base HEAD main` (or origin/main); on main
//                 itself, or without a main branch, HEAD (said on stderr). The base version of a spec is read
//                 with `git show <base>:specs/<file>`; the head version is the file on disk (uncommitted edits
//                 count). A spec absent at base is new (its operations are added: minor); a spec deleted since
//                 base is a major change for its package.
//   --json        print {"@parley/<name>": {"bump", "changes": [{"kind", "breaking", "where", "detail"}]}} ({} when
//                 no spec changed) instead of the human report
//   --write       also write .changeset/spec-diff-<hash>.md bumping each package whose bump is not none, with a
//                 summary of the changes (breaking first); writes nothing when no package needs a release
//
// Why not an existing tool: oasdiff is Go-only, Optic is archived, openapi-diff rejects OpenAPI 3.1. The classifier
// is structural (it does not compile the generated types): scripts/lib/spec-diff/compare.mjs documents what is
// compared. Messages go to stderr so that --json output stays parseable.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import { renderChangeset } from './lib/spec-diff/changeset.mjs'
import { diffSpecs } from './lib/spec-diff/compare.mjs'
import { formatHuman } from './lib/spec-diff/report.mjs'

const USAGE = 'usage: pnpm spec:diff [--base <git-ref>] [--json] [--write]'

/** @param {string[]} argv @returns {{base?: string, json: boolean, write: boolean, help: boolean}} */
export function parseArgs(argv) {
  /** @type {{base?: string, json: boolean, write: boolean, help: boolean}} */
  const opts = { json: false, write: false, help: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i])
    if (arg === '--json') opts.json = true
    else if (arg === '--write') opts.write = true
    else if (arg === '--help' || arg === '-h') opts.help = true
    else if (arg === '--base') {
      const value = argv[++i]
      if (!value || value.startsWith('--')) throw new Error(`--base needs a git ref\n${USAGE}`)
      opts.base = value
    } else if (arg.startsWith('--base=')) opts.base = arg.slice('--base='.length)
    else throw new Error(`unknown argument ${arg}\n${USAGE}`)
  }
  return opts
}

/** @param {string} cwd @param {string[]} args */
const git = (cwd, args) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] })

/** @param {string} cwd @param {string} ref @returns {string | null} the commit, or null when ref names none */
function resolveCommit(cwd, ref) {
  try {
    return git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim() || null
  } catch {
    return null
  }
}

/**
 * The commit to compare against, and how to describe it.
 * @param {string} root @param {string | undefined} requested @param {(msg: string) => void} note
 * @returns {{commit: string, label: string}}
 */
export function resolveBase(root, requested, note) {
  if (requested) {
    const commit = resolveCommit(root, requested)
    if (!commit) throw new Error(`--base ${requested} is not a commit in ${root}`)
    return { commit, label: requested }
  }
  const head = resolveCommit(root, 'HEAD')
  if (!head) throw new Error(`${root} has no commit yet: nothing to compare against (pass --base once there is one)`)
  let branch = ''
  try {
    branch = git(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']).trim()
  } catch {
    // detached HEAD
  }
  const main = ['main', 'origin/main'].find((ref) => resolveCommit(root, ref))
  if (!main) {
    note('spec-diff: no main branch, comparing against HEAD (uncommitted changes only); pass --base <ref> to choose')
    return { commit: head, label: 'HEAD' }
  }
  if (branch === 'main') {
    note('spec-diff: on main itself, comparing against HEAD (uncommitted changes only); pass --base <ref> to choose')
    return { commit: head, label: 'HEAD' }
  }
  const commit = git(root, ['merge-base', 'HEAD', main]).trim()
  return { commit, label: `${main} (merge base ${commit.slice(0, 7)})` }
}

/** @param {string} root @param {string} commit @returns {string[]} spec file names present at commit */
function specsAt(root, commit) {
  return git(root, ['ls-tree', '--name-only', commit, '--', 'specs/'])
    .split('\n')
    .map((line) => line.trim().replace(/^specs\//, ''))
    .filter((file) => file.endsWith('.yaml') && !file.includes('/'))
}

/** @param {string} text @param {string} what */
function parseSpec(text, what) {
  try {
    return parse(text)
  } catch (error) {
    throw new Error(`${what} is not valid YAML: ${/** @type {Error} */ (error).message}`)
  }
}

/**
 * Runs the whole comparison in the git repository containing `cwd`.
 * @param {{cwd: string, base?: string, note?: (msg: string) => void}} options
 * @returns {{root: string, baseLabel: string, results: import('./lib/spec-diff/report.mjs').Results}}
 */
export function runSpecDiff({ cwd, base, note = () => {} }) {
  const root = git(cwd, ['rev-parse', '--show-toplevel']).trim()
  const { commit, label } = resolveBase(root, base, note)
  const specsDir = join(root, 'specs')
  const headFiles = existsSync(specsDir) ? readdirSync(specsDir).filter((f) => f.endsWith('.yaml')) : []
  const baseFiles = specsAt(root, commit)
  /** @type {import('./lib/spec-diff/report.mjs').Results} */
  const results = {}
  for (const file of [...new Set([...baseFiles, ...headFiles])].sort()) {
    const baseText = baseFiles.includes(file) ? git(root, ['show', `${commit}:specs/${file}`]) : null
    const headText = headFiles.includes(file) ? readFileSync(join(specsDir, file), 'utf8') : null
    if (baseText === headText) continue
    const baseDoc = baseText === null ? null : parseSpec(baseText, `specs/${file} at ${label}`)
    const headDoc = headText === null ? null : parseSpec(headText, `specs/${file}`)
    results[`@parley/${file.replace(/\.yaml$/, '')}`] = diffSpecs(baseDoc, headDoc)
  }
  return { root, baseLabel: label, results }
}

function main() {
  const opts = parseArgs(process.argv.slice(2))
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  /** @param {string} msg */
  const note = (msg) => process.stderr.write(`${msg}\n`)
  const { root, baseLabel, results } = runSpecDiff({ cwd: process.cwd(), base: opts.base, note })
  process.stdout.write(opts.json ? `${JSON.stringify(results, null, 2)}\n` : formatHuman(results, baseLabel))
  if (!opts.write) return
  const changeset = renderChangeset(results)
  if (!changeset) {
    note('spec-diff: no package needs a release (bump none): no changeset written')
    return
  }
  const dir = join(root, '.changeset')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, changeset.fileName), changeset.content)
  note(`spec-diff: wrote .changeset/${changeset.fileName}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try {
    main()
  } catch (error) {
    process.stderr.write(`spec-diff: ${/** @type {Error} */ (error).message}\n`)
    process.exitCode = 1
  }
}

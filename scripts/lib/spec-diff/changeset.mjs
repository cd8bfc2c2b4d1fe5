// `pnpm spec:diff --write`: turns the classified changes into a changeset (.changeset/spec-diff-<hash>.md) whose
// frontmatter bumps each package with a bump other than none, and whose body is a human summary for the
// CHANGELOG: per package, breaking changes first, then additive ones, then documentation changes folded into one
// line. The file name is a hash of the content, so running --write twice for the same changes rewrites the same
// file instead of adding a second one.
import { createHash } from 'node:crypto'
import { labelOf } from './report.mjs'
import { severityOf } from './rules.mjs'

/** @typedef {import('./report.mjs').Results} Results */
/** @typedef {import('./rules.mjs').Change} Change */

const DOCS_SHOWN = 5

/** @param {Change} c */
const line = (c) => `${labelOf(c.kind)}: \`${c.where}\` (${c.detail})`

/** @param {Results} results @returns {string} the markdown body (no frontmatter) */
export function summarize(results) {
  const sections = []
  for (const [name, diff] of Object.entries(results)) {
    if (diff.bump === 'none') continue
    const items = []
    for (const c of diff.changes) {
      const severity = severityOf(c.kind)
      if (severity === 'breaking') items.push(`- **Breaking:** ${line(c)}`)
      else if (severity === 'additive') items.push(`- ${line(c)}`)
    }
    const docs = diff.changes.filter((c) => severityOf(c.kind) === 'docs')
    if (docs.length) {
      const wheres = [...new Set(docs.map((c) => c.where))]
      const shown = wheres.slice(0, DOCS_SHOWN).map((w) => `\`${w}\``).join(', ')
      const more = wheres.length > DOCS_SHOWN ? ` and ${wheres.length - DOCS_SHOWN} more` : ''
      items.push(`- Documentation: ${docs.length} change${docs.length > 1 ? 's' : ''} (${shown}${more})`)
    }
    sections.push(`**${name}** (${diff.bump}): OpenAPI spec changes\n\n${items.join('\n')}`)
  }
  return sections.join('\n\n')
}

/**
 * @param {Results} results
 * @returns {{fileName: string, content: string} | null} null when no package needs a release
 */
export function renderChangeset(results) {
  const bumped = Object.entries(results).filter(([, d]) => d.bump !== 'none')
  if (bumped.length === 0) return null
  const frontmatter = bumped.map(([name, d]) => `${JSON.stringify(name)}: ${d.bump}`).join('\n')
  const content = `---\n${frontmatter}\n---\n\n${summarize(results)}\n`
  const hash = createHash('sha1').update(content).digest('hex').slice(0, 8)
  return { fileName: `spec-diff-${hash}.md`, content }
}

// Human output of `pnpm spec:diff`: one block per package, its bump, then one line per change (breaking first,
// marked BREAKING).
import { KINDS, severityOf } from './rules.mjs'

/** @typedef {import('./compare.mjs').SpecDiff} SpecDiff */
/** @typedef {Record<string, SpecDiff>} Results package name -> its diff */

const MARK = { breaking: 'BREAKING', additive: 'additive', docs: 'docs    ' }

/** @param {SpecDiff} diff */
export function counts(diff) {
  const n = { breaking: 0, additive: 0, docs: 0 }
  for (const c of diff.changes) n[severityOf(c.kind)]++
  return n
}

/** @param {Results} results @param {string} baseLabel @returns {string} */
export function formatHuman(results, baseLabel) {
  const names = Object.keys(results)
  if (names.length === 0) return `No spec changed since ${baseLabel}: bump none.\n`
  const blocks = names.map((name) => {
    const diff = /** @type {SpecDiff} */ (results[name])
    const n = counts(diff)
    const head = `${name}: ${diff.bump} (${n.breaking} breaking, ${n.additive} additive, ${n.docs} docs)`
    if (diff.changes.length === 0) return `${head}\n  (the spec file changed, but nothing its users can see)`
    const lines = diff.changes.map((c) => `  ${MARK[severityOf(c.kind)]}  ${c.where}: ${c.detail} [${c.kind}]`)
    return [head, ...lines].join('\n')
  })
  return `${blocks.join('\n\n')}\n`
}

/** @param {string} kind */
export const labelOf = (kind) => KINDS[kind]?.label ?? kind

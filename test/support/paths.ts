import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** Every request the contract tests send through a recorded client lands here, one JSON line each. */
export const CALLS_DIR = join(ROOT, '.tmp', 'contract-calls')

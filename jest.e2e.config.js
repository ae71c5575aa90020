/** Browser tests: the H5 build in Debian's chromium, driven by playwright-core, against the local cloud. */
const { projects } = require('./jest.config.js')
const node = projects.find((p) => p.displayName === 'node')

module.exports = {
  ...node,
  displayName: 'e2e',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  // a real browser and a real server: generous, since CI runs on 2 shared cores
  testTimeout: 120_000,
}

/** Unit, contract, function and component tests. The browser tests have their own config (jest.e2e.config.js). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/emulator', '<rootDir>/cloudfunctions', '<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/tests/e2e/'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  // zod 4, chinese-days and dayjs ship ESM builds that jest must transform too
  transformIgnorePatterns: ['/node_modules/(?!(zod|chinese-days)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
};

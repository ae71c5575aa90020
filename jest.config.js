/**
 * `npm test`: two projects.
 *  - node: pure core, the local cloud's contract, the cloud functions through the local cloud, scripts;
 *  - components: the app's components in jsdom with Taro's real H5 components and H5 API (@tarojs/taro-h5),
 *    the same ones the H5 build uses.
 * The browser tests have their own config (jest.e2e.config.js).
 */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic' } },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}

const node = {
  displayName: 'node',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/emulator', '<rootDir>/cloudfunctions'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/tests/e2e/', '/tests/components/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swcOptions] },
  // chinese-days ships an ESM build that jest must transform
  transformIgnorePatterns: ['/node_modules/(?!(chinese-days)/)'],
}

const components = {
  displayName: 'components',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/tests/components'],
  testMatch: ['**/*.test.tsx'],
  // Taro's H5 packages and their dependencies ship ESM (.js and .mjs): transform all of node_modules here
  transform: { '^.+\\.(t|j)sx?$|^.+\\.mjs$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: [],
  moduleNameMapper: {
    // what the Taro H5 build aliases these to
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '@tarojs/taro-h5',
    '^lodash-es$': 'lodash',
    '^lodash-es/(.*)$': 'lodash/$1',
    '\\.css$': '<rootDir>/tests/support/styleStub.js',
  },
  // compile-time switches the Taro build defines (DefinePlugin); the H5 runtime reads them
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
  },
}

module.exports = { projects: [node, components] }

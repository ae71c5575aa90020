// ESLint 9 flat config: typescript-eslint with type information for the rules that catch real bugs
// (floating and misused promises, non-exhaustive switches), react-hooks, and the architecture's layering.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

/** Layering (DESIGN.md §5): imports that point the wrong way. */
const CORE_FORBIDDEN = [
  { group: ['wx-server-sdk', '@tarojs/*'], message: 'core/ is pure: no SDK, no Taro' },
  // a relative path that climbs out of core/ into cloudfunctions/shared or cloudfunctions/api (types/api is fine)
  { regex: '^(\\.\\./)+(shared|api)(/|$)', message: 'core/ may not import the shells (shared/, api/)' },
]
const APP_FORBIDDEN = [
  {
    group: ['**/cloudfunctions/**', '**/emulator/**'],
    message: 'src/ reaches the cloud only through services/cloud.ts',
  },
]
/**
 * The main package (pages/, components/, services/, app) stays ≤ 400 KiB (scripts/check-size.ts): it may not
 * pull in staff code (src/staff/, loaded by subpackages only) nor a subpackage (WeChat forbids it anyway).
 */
const MAIN_PACKAGE_FORBIDDEN = [
  ...APP_FORBIDDEN,
  { group: ['**/staff/**', '**/packages/**'], message: 'the main package never loads staff code or a subpackage' },
]
const SDK_ONLY_IN_CLOUD_TS = [
  { group: ['wx-server-sdk'], message: 'only cloudfunctions/shared/cloud.ts loads wx-server-sdk (STYLE.md §8)' },
]

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.data/', '.swc/', 'coverage/', 'test-results/', '**/*.js', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs}'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // the SDK's and Taro's own types force `any` at a few seams; each use is local and commented
      '@typescript-eslint/no-explicit-any': 'off',
      // jest.mock() factories and the emulator's SDK seam load modules lazily on purpose
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // React code only: jest helpers named use* are not hooks. The plugin's React Compiler rules
    // (set-state-in-effect & co.) are left out: the app does not use the compiler.
    files: ['src/**/*.{ts,tsx}', 'tests/components/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['cloudfunctions/core/**'], rules: { 'no-restricted-imports': ['error', { patterns: CORE_FORBIDDEN }] } },
  { files: ['src/**'], rules: { 'no-restricted-imports': ['error', { patterns: APP_FORBIDDEN }] } },
  {
    files: ['src/pages/**', 'src/components/**', 'src/services/**', 'src/app.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: MAIN_PACKAGE_FORBIDDEN }] },
  },
  {
    files: ['cloudfunctions/**'],
    ignores: ['cloudfunctions/shared/cloud.ts', 'cloudfunctions/core/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: SDK_ONLY_IN_CLOUD_TS }] },
  },
)

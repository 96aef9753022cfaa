import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-proxy/', 'data/', '.ci-out/', '.demo-data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  // `npm start`'s launcher is CommonJS on purpose (proxy/bundle.cjs says why)
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The contract is the only bridge: the protocol layer knows no product, the domain knows no HTTP,
  // and simulators must not borrow from the client they test.
  {
    files: ['proxy/isapi/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/http/**', '**/store/**', '**/domain/**', 'hono', 'hono/*', 'better-sqlite3'] },
      ],
    },
  },
  {
    files: ['proxy/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/http', '**/http/**', 'hono', 'hono/*'] }] },
  },
  // Arrows point down: the parts the HTTP layer is built from never reach back up into it.
  {
    files: ['proxy/services.ts', 'proxy/store/**', 'proxy/backend/**', 'proxy/net/**', 'proxy/tls/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/http', '**/http/**'] }] },
  },
  {
    files: ['web/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/proxy/**'] }] },
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/web/**', '**/proxy/**', 'node:*'] }] },
  },
  {
    files: ['tests/sim/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/proxy/**'] }] },
  },
)

// ESLint (flat config) with typescript-eslint's type-aware rules for the whole project.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'var/', 'public/js/vendor/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  // Layers hold by rule (CONTRIBUTING.md): knex only in repositories, a feature reaches another only through
  // its service (or its pure domain modules), the web plumbing and shared helpers know no feature.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/repository.ts', 'src/**/*-repository.ts', 'src/db/**', 'src/cli/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'knex', allowTypeImports: true, message: 'Queries live in repositories: import only the Knex type here.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.name=/^(knex|trx)$/], CallExpression[callee.property.name=/^(knex|trx)$/]',
          message: 'Queries live in repositories: call a repository function.',
        },
        { selector: "CallExpression[callee.property.name='raw']", message: 'Queries live in repositories: call a repository function.' },
        {
          selector: "MemberExpression[object.name=/^(req|res)$/][property.name='log']",
          message: "Log through the portal's logger: req.log and res.log write request lines, without redaction (http/logging.ts).",
        },
      ],
    },
  },
  {
    files: ['src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../*/repository*',
                '../*/*-repository*',
                '../../*/repository*',
                '../../*/*-repository*',
                '../../../*/repository*',
                '../../../*/*-repository*',
              ],
              message: "Another feature's data is reached through its service, not its repository.",
            },
            {
              group: ['../*/routes*', '../*/pages/*', '../../*/routes*', '../../*/pages/*', '../../../*/routes*', '../../../*/pages/*'],
              message: "Another feature's pages are not called: use its service.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/*/routes.ts', 'src/features/*/pages/**/*.ts', 'src/features/*/presenters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                './repository*',
                './*-repository*',
                '../repository*',
                '../*-repository*',
                '../../repository*',
                '../../*-repository*',
                '../*/repository*',
                '../../*/repository*',
                '../../../*/repository*',
              ],
              message: 'Pages and presenters call services; only services call repositories.',
            },
            {
              group: ['../*/pages/*', '../../*/pages/*', '../../../*/pages/*', '../*/routes*', '../../*/routes*', '../../../*/routes*'],
              message: "Another feature's pages are not called: use its service.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/http/**/*.ts', 'src/lib/**/*.ts', 'src/i18n/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../features/*', '../../features/*'],
              message: 'The web plumbing and shared helpers know no feature: pass what they need in through createApp.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../http/*', '../features/*'], message: 'src/lib holds helpers that are not HTTP and know no feature.' }] },
      ],
    },
  },
  {
    // Small files and functions; a longer file says why at its top (eslint-disable max-lines -- reason).
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 250 }],
      'max-lines-per-function': ['error', { max: 60, IIFEs: true }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // chai's `expect(x).to.be.true` style reads as an unused expression.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Rows read back with knex are untyped; tests assert on them directly.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  {
    files: ['eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
);

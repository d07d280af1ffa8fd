// Lint rules: type-aware rules catch the classic unawaited reply(); the boundary rules keep
// handlers/ and db/ free of platform code (../shared/DESIGN.md: bot/ → handlers/ → db/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const edges = {
  paths: [
    { name: 'grammy', message: 'Only bot/ talks to Telegram; handlers see neutral events.' },
    { name: 'whatsapp-web.js', message: 'Only bot/whatsapp/ talks to WhatsApp.' },
    { name: 'node-cron', message: 'Only bot/ schedules; handlers take time from the clock.' },
    { name: 'pino', message: 'Only bot/ builds the logger; handlers receive a Logger port.' },
  ],
  patterns: [
    { group: ['@grammyjs/*'], message: 'Only bot/ talks to Telegram.' },
    {
      group: ['**/bot/**', '../bot/*', '../../bot/*'],
      message: 'Dependencies point one way: bot/ → handlers/ → db/.',
    },
    {
      group: ['**/web/**', '../web/*', '../../web/*'],
      message: 'web/ (the console) is an edge like bot/: nothing in handlers/ or db/ uses it.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      'db/migrations/',
      'tests/fixtures/',
      'tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['handlers/**/*.ts', 'db/**/*.ts', 'web/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', edges],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Only bot/config.ts reads the environment.',
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...edges,
          patterns: [
            ...edges.patterns,
            {
              group: ['**/handlers/**', '../handlers/*'],
              message: 'db/ does not depend on handlers/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const restrict = (patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: patterns.map((group) => ({
        group,
        message: 'Layer crossing: see docs/architecture.md',
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The layers of docs/architecture.md: bin → lib → screens → widgets; lib → services.
  {
    files: ['widgets/**'],
    rules: restrict([['**/screens/**', '**/services/**', '**/lib/**', 'axios', 'yup']]),
  },
  // widgets/terminal-text.ts is pure, shared by the widgets and plain output (lib, bin).
  {
    files: ['widgets/terminal-text.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // blessed's Unicode tables (a module of their own) are allowed; blessed itself is not.
          paths: [{ name: 'blessed', message: 'terminal-text is pure: see docs/architecture.md' }],
          patterns: [
            {
              group: ['../lib/**', '../screens/**', './*', '../services/**', 'axios'],
              message: 'Layer crossing: see docs/architecture.md',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['screens/**'],
    rules: restrict([
      ['**/services/**', 'axios', '**/lib/app', '**/lib/controller', '**/lib/screen-host'],
    ]),
  },
  {
    files: ['services/**'],
    rules: restrict([
      ['blessed', 'blessed-contrib', '**/widgets/**', '**/screens/**', '**/lib/**'],
    ]),
  },
  {
    files: ['lib/wizard/**', 'lib/model/**'],
    rules: restrict([['blessed', 'blessed-contrib', 'axios', '**/widgets/**', '**/screens/**']]),
  },
);

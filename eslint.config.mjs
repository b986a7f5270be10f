// ESLint: typescript-eslint's recommended rules (syntax only, no type information, so `npm run lint`
// stays fast) plus the layering of src/ as import restrictions:
//   src/core       the editor-free engine: no VS Code, no LSP libraries, no adapter or protocol module
//   core's lower layers (parse, env, project, analysis, model) never reach up into core/rules
//   src/server, src/cli   plain Node processes: never `vscode`
//   src/extension  talks to the engine through the language server; from core it may import types and
//                  only the small vscode-free helpers listed below
// Formatting is Prettier's job (.prettierrc.json), so no stylistic rules here.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const noVscode = {
  name: 'vscode',
  message: 'Only src/extension may import vscode.',
};

const coreRestrictions = {
  paths: [noVscode],
  patterns: [
    {
      regex: '^vscode-language(server|client)',
      message: 'src/core is editor-free: the LSP libraries belong to src/server and src/extension.',
    },
    {
      regex: '^\\.{1,2}/(.*/)?(extension|server|cli|protocol)(/|$)',
      message: 'src/core must not import an adapter (extension, server, cli) or the protocol module.',
    },
  ],
};

const noRules = {
  regex: '^\\.{1,2}/(.*/)?rules(/|$)',
  message: 'Lower layers of core import the shared vocabulary from core/model, never from core/rules.',
};

// Value imports src/extension makes from core today: small helpers without the TypeScript parser.
const extensionCoreHelpers = [
  'clerkKeys',
  'env/appEnv',
  'env/convexEnvSet',
  'env/envFile',
  'env/folderEnv',
  'env/keyNames',
  'fixes/disableComment',
  'fixes/fixAll',
  'project/analysisInputs',
  'project/summary',
  'redaction',
  'untrustedText',
  'uris',
  'webhooks/presentation',
];

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'packages/cli/dist/**',
      'out/**',
      'node_modules/**',
      '.cache/**',
      '.corpus/**',
      '.vscode-test/**',
      'test-results/**',
      'test/fixtures/**',
      'test/snippet-project/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // The extension and the bench require bundle chunks by computed path on purpose (lazy loading).
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', coreRestrictions] },
  },
  {
    // Later entries replace the rule options above, so the core restrictions are repeated here.
    files: ['src/core/{parse,env,project,analysis,model}/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { ...coreRestrictions, patterns: [...coreRestrictions.patterns, noRules] }],
    },
  },
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^\\.{1,2}/(.*/)?core/(?!(${extensionCoreHelpers.join('|')})$)`,
              allowTypeImports: true,
              message:
                'src/extension reaches the engine through the language server; from core it imports types and the small helpers allowed in eslint.config.mjs.',
            },
          ],
        },
      ],
    },
  },
);

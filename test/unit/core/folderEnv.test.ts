import * as assert from 'node:assert/strict';
import { encodePublishableKey } from '../../../src/core/clerkKeys';
import { clerkInstanceOf, firstDefined, readFolderEnv } from '../../../src/core/env/folderEnv';
import { webhookSigningSecretNames } from '../../../src/core/env/keyNames';

/** The env of `/app` from in-memory files named relative to it. */
function envOf(files: Record<string, string>) {
  return readFolderEnv('/app', (file) => (file.startsWith('/app/') ? files[file.slice('/app/'.length)] : undefined));
}

describe('folder env lookup (sidebar and CLI)', () => {
  it('loads the local env files in Next.js development order: .env.development.local, .env.local, .env.development, .env', () => {
    const files = {
      '.env': 'A=env\nB=env\nC=env\nD=env\n',
      '.env.development': 'A=dev\nB=dev\nC=dev\n',
      '.env.local': 'A=local\nB=local\n',
      '.env.development.local': 'A=devlocal\n',
    };
    const env = envOf(files);
    assert.deepEqual(
      ['A', 'B', 'C', 'D'].map((key) => [env.lookup(key)?.value, env.lookup(key)?.file?.name]),
      [
        ['devlocal', '.env.development.local'],
        ['local', '.env.local'],
        ['dev', '.env.development'],
        ['env', '.env'],
      ],
    );
    // Files Next.js does not load for `next dev` are not read.
    assert.equal(envOf({ '.env.production': 'A=prod\n', '.env.test': 'A=test\n' }).lookup('A'), undefined);
  });

  it('expands references like the app sees them', () => {
    assert.equal(envOf({ '.env.local': 'HOST=x.example\n', '.env': 'URL=https://${HOST}/api\n' }).lookup('URL')?.value, 'https://x.example/api');
  });

  it('firstDefined: the current name wins over a legacy one in any file; blank values are skipped, values trimmed', () => {
    const env = envOf({ '.env.local': 'CLERK_WEBHOOK_SECRET=whsec_legacy\n', '.env': 'CLERK_WEBHOOK_SIGNING_SECRET="whsec_current "\n' });
    const found = firstDefined(env, webhookSigningSecretNames);
    assert.deepEqual([found?.key, found?.value, found?.file?.name], ['CLERK_WEBHOOK_SIGNING_SECRET', 'whsec_current', '.env']);
    // A blank assignment in a file that loads first is what the app sees: the next name is used.
    const blank = envOf({
      '.env.local': 'CLERK_WEBHOOK_SIGNING_SECRET=\nCLERK_WEBHOOK_SECRET=whsec_legacy\n',
      '.env': 'CLERK_WEBHOOK_SIGNING_SECRET=whsec_current\n',
    });
    assert.equal(firstDefined(blank, webhookSigningSecretNames)?.value, 'whsec_legacy');
    assert.equal(firstDefined(envOf({ '.env': 'WEBHOOK_SECRET=whsec_old\n' }), webhookSigningSecretNames)?.value, 'whsec_old');
    assert.equal(firstDefined(envOf({ '.env': 'OTHER=1\n' }), webhookSigningSecretNames), undefined);
  });

  it('clerkInstanceOf: the instance of the first publishable key name with a value (Next.js, plain, Vite)', () => {
    const vite = envOf({ '.env': `VITE_CLERK_PUBLISHABLE_KEY=${encodePublishableKey('vite-app-1.clerk.accounts.dev')}\n` });
    assert.deepEqual(clerkInstanceOf(vite)?.instance, { instanceType: 'development', frontendApi: 'vite-app-1.clerk.accounts.dev' });
    const both = envOf({
      '.env.local': `CLERK_PUBLISHABLE_KEY=${encodePublishableKey('other.example.com', 'production')}\nNEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${encodePublishableKey('clerk.example.com', 'production')}\n`,
    });
    assert.deepEqual(
      [clerkInstanceOf(both)?.instance.frontendApi, clerkInstanceOf(both)?.definition.key],
      ['clerk.example.com', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY'],
    );
    assert.equal(clerkInstanceOf(envOf({ '.env': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_notbase64!\n' })), undefined);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { disableCommentEdit } from '../../../src/core/fixes/disableComment';
import { isAnalysisInput, isEnvFilePath, isSourcePath } from '../../../src/core/project/analysisInputs';
import { ProjectDetector } from '../../../src/extension/diagnostics/projectDetection';

const at = (line: number, character: number) => ({ line, character });

describe('diagnostics adapter (vscode-free parts)', () => {
  describe('file selection by path', () => {
    it('treats .env and .env.* as env files, never .envrc or look-alikes', () => {
      for (const file of ['/a/.env', '/a/.env.local', '/a/.env.development.local', '/a/.env.example', 'C:\\a\\.env.local', '/a/env-example']) {
        assert.equal(isEnvFilePath(file), true, file);
      }
      for (const file of ['/a/.envrc', '/a/env', '/a/my.env', '/a/.environment', '/a/.env/x.ts']) assert.equal(isEnvFilePath(file), false, file);
    });

    it('treats JS/TS modules as sources, not declaration files', () => {
      assert.equal(isSourcePath('/a/app/page.tsx'), true);
      assert.equal(isSourcePath('/a/proxy.mjs'), true);
      assert.equal(isSourcePath('/a/types.d.ts'), false);
      assert.equal(isSourcePath('/a/styles.css'), false);
    });

    it('ignores dependencies, build output and generated Convex code', () => {
      assert.equal(isAnalysisInput('/a/node_modules/@clerk/nextjs/package.json'), false);
      assert.equal(isAnalysisInput('/a/.next/server/app/page.js'), false);
      assert.equal(isAnalysisInput('/a/convex/_generated/api.js'), false);
      assert.equal(isAnalysisInput('/a/convex/auth.config.ts'), true);
      assert.equal(isAnalysisInput('/a/app/build/page.tsx'), true);
      assert.equal(isAnalysisInput('/a/package.json'), true);
    });
  });

  describe('disable comments', () => {
    it('inserts // above a source line, with its indentation', () => {
      const edit = disableCommentEdit('/a/app/page.ts', 'export default function Page() {\n    const key = process.env.X;\n}\n', 1, 'env-missing');
      assert.deepEqual(edit, {
        file: '/a/app/page.ts',
        range: { start: at(1, 0), end: at(1, 0) },
        newText: '    // clerk-toolkit-disable-next-line env-missing\n',
      });
    });

    it('uses # in env files', () => {
      assert.equal(
        disableCommentEdit('/a/.env.local', 'A=1\nCLERK_SECRET_KEY=x\n', 1, 'key-malformed').newText,
        '# clerk-toolkit-disable-next-line key-malformed\n',
      );
    });

    it('uses {/* */} between JSX children, // in a JSX expression position', () => {
      const children = '  return (\n    <ClerkProvider>\n      <SignedIn />\n    </ClerkProvider>\n  );';
      assert.equal(
        disableCommentEdit('/a/app/layout.tsx', children, 2, 'clerk-api-deprecated').newText,
        '      {/* clerk-toolkit-disable-next-line clerk-api-deprecated */}\n',
      );
      assert.equal(
        disableCommentEdit('/a/app/layout.tsx', children, 1, 'convex-provider-setup').newText,
        '    // clerk-toolkit-disable-next-line convex-provider-setup\n',
      );
    });

    it('appends the rule to an existing disable comment on the line above', () => {
      const text = '  // clerk-toolkit-disable-next-line env-missing\n  const a = process.env.A;';
      assert.deepEqual(disableCommentEdit('/a/x.ts', text, 1, 'secret-exposed'), {
        file: '/a/x.ts',
        range: { start: at(0, text.indexOf('\n')), end: at(0, text.indexOf('\n')) },
        newText: ', secret-exposed',
      });
      const jsx = '      {/* clerk-toolkit-disable-next-line a */}\n      <SignedIn />';
      assert.equal(disableCommentEdit('/a/x.tsx', jsx, 1, 'b').range.start.character, '      {/* clerk-toolkit-disable-next-line a'.length);
    });
  });

  describe('project detection', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-detect-'));
      const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      };
      write('package.json', JSON.stringify({ name: 'root', private: true }));
      write('apps/web/package.json', JSON.stringify({ dependencies: { next: '16.0.0', '@clerk/nextjs': '7.0.0' } }));
      write('apps/web/app/page.tsx', '');
      write('apps/docs/package.json', JSON.stringify({ dependencies: { next: '16.0.0' } }));
      write('apps/docs/app/page.tsx', '');
      write('backend/convex/users.ts', '');
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('finds Clerk in the nearest package.json and Convex by its folder; not in a plain Next app', async () => {
      const detector = new ProjectDetector();
      assert.equal(await detector.isInProject(path.join(dir, 'apps/web/app/page.tsx'), dir), true);
      assert.equal(await detector.isInProject(path.join(dir, 'backend/convex/users.ts'), dir), true);
      assert.equal(await detector.isInProject(path.join(dir, 'apps/docs/app/page.tsx'), dir), false);
    });
  });
});

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { AnalysisSession, describeFailure } from '../../../src/core/engine';
import { maxExpandedLength } from '../../../src/core/env/envFile';
import { maxTreeDepth, parseSource, SourceCache, treeDepth } from '../../../src/core/parse/sourceFile';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import { declaredRange } from '../../../src/core/project/versions';
import type { Rule } from '../../../src/core/rules/rule';
import { repoRoot } from '../../helpers/paths';
import { deepShapes, fixtureFiles } from './deepShapes';

/** Findings as `rule file:line`, for comparing runs. */
function findingsOf(files: Record<string, string>, rules?: Rule[]) {
  const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(files), rules });
  const findings = [...session.analyze().values()]
    .flat()
    .map((f) => `${f.ruleId} ${f.location.file}:${f.location.range.start.line}`)
    .sort();
  return { findings, failures: session.getRuleFailures() };
}

describe('robustness: the analysis never gives up on a whole project', () => {
  describe('package.json fields of the wrong type count as absent', () => {
    const cases: Record<string, unknown> = {
      'a number version': { dependencies: { next: 16, '@clerk/nextjs': '6.20.0' } },
      'a null version': { dependencies: { next: '16.0.0', '@clerk/nextjs': null } },
      'dependencies as an array': { dependencies: ['next', '@clerk/nextjs'], devDependencies: { next: '16.0.0' } },
      'an object version and a string dependencies field': { dependencies: 'next', devDependencies: { next: { version: '16' } }, peerDependencies: null },
      'a top-level array': ['next'],
    };
    for (const [name, data] of Object.entries(cases)) {
      it(name, () => {
        const files = { '/ws/package.json': JSON.stringify(data), '/ws/app/page.tsx': 'export default function Page() { return null; }\n' };
        const { failures } = findingsOf(files);
        assert.deepEqual(
          failures.map((f) => describeFailure(f)),
          [],
        );
      });
    }

    it('declaredRange reads only strings', () => {
      const pkg = (data: unknown) => ({ file: '/ws/package.json', data: data as never });
      assert.equal(declaredRange(pkg({ dependencies: { next: 16 }, devDependencies: { next: '^16.0.0' } }), 'next'), '^16.0.0');
      assert.equal(declaredRange(pkg({ dependencies: ['next'] }), 'next'), undefined);
      assert.equal(declaredRange(pkg({ dependencies: { toString: 'x' } }), 'constructor'), undefined);
    });

    it('a lock file with versions of the wrong type is ignored', () => {
      const lock = JSON.stringify({ packages: { 'node_modules/next': { version: 16 } }, dependencies: { next: { version: ['16.0.0'] } } });
      const session = new AnalysisSession({
        roots: ['/ws'],
        host: createMemoryHost({ '/ws/package.json': JSON.stringify({ dependencies: { next: '^16.1.0' } }), '/ws/package-lock.json': lock }),
        rules: [],
      });
      assert.deepEqual(session.getWorkspace().nextApps[0].versions, { next: '16.1.0' });
    });
  });

  describe('deep syntax trees', () => {
    it('measures depth without recursion', () => {
      assert.equal(treeDepth(parseSource('/a.ts', 'const a = 1;')), 4);
      assert.ok(treeDepth(parseSource('/a.ts', deepShapes.concatenation(20_000))) > 20_000);
      assert.equal(treeDepth(parseSource('/a.ts', deepShapes.concatenation(20_000)), 100), 101, 'stops early past the limit');
    });

    it('keeps a parser failure (1,000s of parentheses) as a problem of that file instead of throwing', () => {
      const cache = new SourceCache();
      assert.equal(cache.get('/ws/a.ts', deepShapes.parentheses(20_000)), undefined);
      assert.equal(cache.problems().get('/ws/a.ts')?.kind, 'parse-failed');
      assert.ok(cache.get('/ws/a.ts', 'const fixed = 1;'), 'a new text is parsed again');
      assert.equal(cache.problems().size, 0);
    });

    it('does not hand rules a file deeper than the cap', () => {
      const cache = new SourceCache();
      assert.ok(cache.get('/ws/ok.ts', deepShapes.concatenation(maxTreeDepth - 10)));
      assert.equal(cache.get('/ws/deep.ts', deepShapes.concatenation(maxTreeDepth + 10)), undefined);
      assert.equal(cache.problems().get('/ws/deep.ts')?.kind, 'too-deep');
    });

    for (const [shape, hostile] of [
      ['concatenation', 5_000],
      ['elseIf', 3_000],
      ['parentheses', 1_000],
      ['jsx', 2_000],
    ] as const) {
      it(`a ${hostile}-level ${shape} costs only its own file's findings, with one note naming it`, () => {
        const base = fixtureFiles();
        // A file of the app with a finding of its own, to show that it is kept.
        const withFinding = { ...base, '/ws/app/leak.tsx': "'use client';\nexport const Leak = () => <p>{process.env.CLERK_SECRET_KEY}</p>;\n" };
        const without = findingsOf(withFinding);
        // It reads a variable, so rules parse it (a file no rule needs is never parsed, and costs nothing).
        const withDeep = findingsOf({
          ...withFinding,
          '/ws/app/generated.ts': `export const deep = process.env.DEEP_VALUE;\n${deepShapes[shape](hostile)}\nexport {};\n`,
        });
        assert.ok(without.findings.length > 0);
        assert.deepEqual(withDeep.findings, without.findings);
        assert.deepEqual(
          withDeep.failures.map((f) => [f.file, f.ruleId, f.cost]),
          [['/ws/app/generated.ts', undefined, 'file']],
        );
        assert.match(describeFailure(withDeep.failures[0]), /generated\.ts: not analyzed/);
      });
    }

    it(`every rule walks every known shape at the cap (${maxTreeDepth} levels) with 60% of Node's default stack`, function () {
      this.timeout(120_000);
      // 600 of the default 984 KB, code not yet optimized: a margin for callers deeper in the stack (the editor).
      const script = `
        const { deepShapes, failuresWithDeepCode } = require(${JSON.stringify(path.join(repoRoot, 'out/test/unit/core/deepShapes.js'))});
        const levels = ${maxTreeDepth} - 10;
        const failed = Object.keys(deepShapes).flatMap((shape) => failuresWithDeepCode(shape, levels).map((f) => shape + ': ' + f));
        process.stdout.write(JSON.stringify(failed));`;
      const result = spawnSync(process.execPath, ['--stack-size=600', '-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 110_000 });
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), []);
    });
  });

  describe('a failing rule costs only its own findings', () => {
    const files = {
      '/ws/package.json': JSON.stringify({ dependencies: { next: '16.0.0' } }),
      '/ws/app/a.ts': 'export const a = 1;\n',
      '/ws/app/b.ts': 'export const b = 2;\n',
    };
    /** A finding on every source file of the app, throwing on the files named. */
    const perFile = (id: string, throwsOn: (file: string) => boolean): Rule => ({
      id,
      defaultSeverity: 'warning',
      title: id,
      description: id,
      check(ctx) {
        return (ctx.project.nextApp?.sourceFiles ?? []).flatMap((file) => {
          const sf = ctx.source(file);
          if (!sf) return [];
          if (throwsOn(file)) throw new RangeError('Maximum call stack size exceeded');
          return [
            {
              ruleId: id,
              severity: 'warning' as const,
              message: 'm',
              location: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
            },
          ];
        });
      },
    });

    it('a rule that throws on one file keeps its findings in the other files', () => {
      const { findings, failures } = findingsOf(files, [perFile('on-b', (file) => file.endsWith('/b.ts')), perFile('fine', () => false)]);
      assert.deepEqual(findings, ['fine /ws/app/a.ts:0', 'fine /ws/app/b.ts:0', 'on-b /ws/app/a.ts:0']);
      assert.deepEqual(
        failures.map((f) => [f.ruleId, f.file, f.cost]),
        [['on-b', '/ws/app/b.ts', 'file']],
      );
      assert.match(
        describeFailure(failures[0]),
        /^rule on-b failed on \/ws\/app\/b\.ts \(Maximum call stack size exceeded\); its findings in that file are missing$/,
      );
    });

    it("a rule that throws before reading any file costs its findings on the project, and no other rule's", () => {
      const broken: Rule = {
        ...perFile('broken', () => false),
        check: () => {
          throw new TypeError('x is undefined');
        },
      };
      const { findings, failures } = findingsOf(files, [broken, perFile('fine', () => false)]);
      assert.deepEqual(findings, ['fine /ws/app/a.ts:0', 'fine /ws/app/b.ts:0']);
      assert.deepEqual(
        failures.map((f) => [f.ruleId, f.cost]),
        [['broken', 'project']],
      );
    });

    it('failures go away when the input is fixed', () => {
      const session = new AnalysisSession({
        roots: ['/ws'],
        host: createMemoryHost({ ...files, '/ws/app/c.ts': `// mentions sk_, so the secret check parses it\n${deepShapes.concatenation(maxTreeDepth * 2)}` }),
      });
      session.analyze();
      assert.equal(session.getRuleFailures().length, 1);
      session.setOverlay('/ws/app/c.ts', 'export const c = 3;\n');
      session.analyze();
      assert.deepEqual(session.getRuleFailures(), []);
    });
  });

  it('notes an env value cut at the expansion cap, and analyzes the rest', () => {
    const lines = ['A0=xxxxxxxx', ...Array.from({ length: 20 }, (_, i) => `A${i + 1}=\${A${i}}\${A${i}}`)];
    const files = {
      '/ws/package.json': JSON.stringify({ dependencies: { next: '16.0.0' } }),
      '/ws/.env.local': `${lines.join('\n')}\n`,
      '/ws/app/page.tsx': 'export default function Page() { return null; }\n',
    };
    const { failures } = findingsOf(files);
    assert.deepEqual(
      failures.map((f) => [f.file, f.cost]),
      [['/ws/.env.local', 'file']],
      'one note per file',
    );
    assert.match(
      describeFailure(failures[0]),
      new RegExp(
        `^/ws/\\.env\\.local: values that expand to more than ${maxExpandedLength / 1024} KiB are analyzed up to that length: A14, A15, A16, A17, A18, A19, A20$`,
      ),
    );
  });
});

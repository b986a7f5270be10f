import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/paths';
import { knownVariables, parseSnippet, walk, type SnippetNode } from '../../helpers/snippetSyntax';
import { completionLanguages } from '../../../src/extension/snippets/catalog';
import { loadSnippets, readPackageJson, readSnippetFile, snippetContributions, targetFile } from './catalog';

/** Language ids built into VS Code that a snippet file of ours could target. */
const builtInLanguages = new Set([
  'plaintext',
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'json',
  'jsonc',
  'markdown',
  'css',
  'scss',
  'less',
  'html',
  'yaml',
  'shellscript',
  'dockerfile',
  'ignore',
  'properties',
  'xml',
]);

/** Index of every tab stop, in document order, counting each index once (mirrors repeat it). */
function tabstopOrder(nodes: readonly SnippetNode[]): number[] {
  const order: number[] = [];
  walk(nodes, (node) => {
    if (node.kind === 'tabstop' && node.index > 0 && !order.includes(node.index)) order.push(node.index);
  });
  return order;
}

describe('snippet files', () => {
  const contributions = snippetContributions();
  const snippets = loadSnippets();

  it('are offered (package.json or the completion provider) and exist', () => {
    assert.ok(contributions.length > 0, 'no snippets are offered');
    for (const { path: file } of contributions) {
      assert.match(file, /^\.\/snippets\/[\w-]+\.code-snippets$/);
      assert.ok(fs.existsSync(path.join(repoRoot, file)), `${file} is missing`);
    }
    const onDisk = fs.readdirSync(path.join(repoRoot, 'snippets')).map((name) => `./snippets/${name}`);
    assert.deepEqual(onDisk.sort(), [...new Set(contributions.map((c) => c.path))].sort(), 'a snippet file is not contributed');
  });

  it('are valid JSON objects of snippets with a prefix, a body and a description', () => {
    for (const file of new Set(contributions.map((c) => c.path))) {
      const parsed = readSnippetFile(file);
      assert.equal(typeof parsed, 'object');
      for (const [name, raw] of Object.entries(parsed)) {
        const body = raw.body;
        assert.ok(typeof body === 'string' || (Array.isArray(body) && body.every((line) => typeof line === 'string')), `${name}: body`);
        assert.ok(typeof raw.prefix === 'string' || Array.isArray(raw.prefix), `${name}: prefix`);
        assert.equal(typeof raw.description, 'string', `${name}: description`);
      }
    }
  });

  it('are not contributed statically where the completion provider offers them (each would be listed twice)', () => {
    const statics = readPackageJson().contributes.snippets ?? [];
    assert.ok(statics.length > 0, 'the env snippets are contributed statically');
    for (const { language, path: file } of statics) assert.ok(!completionLanguages.includes(language), `${file} is also contributed for ${language}`);
  });

  it('register only languages VS Code has or this extension contributes', () => {
    const contributed = new Set((readPackageJson().contributes.languages ?? []).map((language) => language.id));
    for (const { language, path: file } of contributions) {
      assert.ok(builtInLanguages.has(language) || contributed.has(language), `${file}: unknown language "${language}"`);
    }
  });

  it('use prefixes that start with clerk- or convex- and are unique per language', () => {
    const seen = new Map<string, string>();
    for (const snippet of snippets) {
      assert.ok(snippet.prefixes.length > 0, snippet.name);
      for (const prefix of snippet.prefixes) {
        assert.match(prefix, /^(clerk|convex)-[a-z0-9-]+$/, snippet.name);
        for (const language of snippet.languages) {
          const key = `${language}:${prefix}`;
          assert.ok(!seen.has(key), `prefix ${prefix} used by "${seen.get(key)}" and "${snippet.name}" in ${language}`);
          seen.set(key, snippet.name);
        }
      }
    }
  });

  it('have names unique per language (insertSnippet looks them up by name)', () => {
    const seen = new Set<string>();
    for (const snippet of snippets) {
      for (const language of snippet.languages) {
        assert.ok(!seen.has(`${language}:${snippet.name}`), `${snippet.name} twice in ${language}`);
        seen.add(`${language}:${snippet.name}`);
      }
    }
  });

  it('describe what they do and name the file they belong in', () => {
    for (const snippet of snippets) {
      assert.ok(snippet.description.length >= 40, `${snippet.name}: description too short`);
      const file = targetFile(snippet);
      assert.ok(file, `${snippet.name}: description names no file ("File: \`path\`")`);
      const extension = path.extname(file);
      const expected = snippet.languages.includes('dotenv')
        ? ['', '.local']
        : snippet.languages.includes('typescriptreact') && !snippet.languages.includes('typescript')
          ? ['.tsx']
          : ['.ts', '.tsx'];
      assert.ok(expected.includes(extension), `${snippet.name}: ${file} does not fit ${snippet.languages.join(', ')}`);
    }
  });

  it('number their tab stops 1..n in the order the cursor visits them', () => {
    for (const snippet of snippets) {
      const order = tabstopOrder(parseSnippet(snippet.body));
      assert.deepEqual(
        order,
        order.map((_, i) => i + 1),
        `${snippet.name}: tab stops ${order.join(', ')}`,
      );
    }
  });

  it('use only variables VS Code knows (an unknown ${name} is inserted literally)', () => {
    for (const snippet of snippets) {
      walk(parseSnippet(snippet.body), (node) => {
        if (node.kind === 'variable') assert.ok(knownVariables.has(node.name), `${snippet.name}: unknown variable ${node.name}`);
      });
    }
  });

  it('give every choice at least two options', () => {
    for (const snippet of snippets) {
      walk(parseSnippet(snippet.body), (node) => {
        if (node.kind === 'tabstop' && node.choices) assert.ok(node.choices.length >= 2, `${snippet.name}: choice $${node.index}`);
      });
    }
  });

  describe('the tab-stop order check', () => {
    it('rejects gaps and out-of-order stops', () => {
      assert.deepEqual(tabstopOrder(parseSnippet('${2:a} $1 $0')), [2, 1]);
      assert.deepEqual(tabstopOrder(parseSnippet('${1:a} $3')), [1, 3]);
      assert.deepEqual(tabstopOrder(parseSnippet('${1:a ${2:b}} $1 $0')), [1, 2]);
    });
  });
});

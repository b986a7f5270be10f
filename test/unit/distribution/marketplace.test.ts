import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as cheerio from 'cheerio';
import { repoRoot } from '../../helpers/paths';
import { startOpenVsxRegistry, type OpenVsxRegistry } from './openVsxRegistry';
import { packVsix, readVsix } from './vsix';

/**
 * The .vsix both marketplaces receive: packed by vsce from the repository (dist/ as the unit tier
 * built it) and published with ovsx to a recording stand-in for open-vsx.org. The release workflow
 * publishes the same file to the Visual Studio Marketplace and Open VSX.
 */

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  publisher: string;
  version: string;
  repository: { url: string };
};
const repositoryWeb = manifest.repository.url.replace(/\.git$/, '');
/** markdown-it, which vsce renders the README with (no type declarations are installed). */
const MarkdownIt = createRequire(__filename)('markdown-it') as new (options: { html: boolean }) => { render(markdown: string): string };

function runOvsx(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules', 'ovsx', 'bin', 'ovsx'), ...args], { cwd: os.tmpdir() });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('distribution: the .vsix for the Visual Studio Marketplace and Open VSX', function () {
  this.timeout(180_000);
  let scratch: string;
  let vsixPath: string;
  let packOutput: string;
  let files: Map<string, Buffer>;

  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-vsix-'));
    vsixPath = path.join(scratch, `${manifest.name}.vsix`);
    const packed = packVsix(vsixPath);
    packOutput = packed.output;
    assert.equal(packed.code, 0, packed.output);
    files = await readVsix(vsixPath);
  });

  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('packs without a vsce warning', () => {
    assert.doesNotMatch(packOutput, /WARNING|ERROR/, packOutput);
  });

  it('carries the gallery metadata: icon, banner, categories, tags, pricing, Q&A, license, changelog, engine', () => {
    const xml = cheerio.load(files.get('extension.vsixmanifest')!.toString('utf8'), { xml: true });
    const property = (id: string) => xml(`Property[Id="${id}"]`).attr('Value');
    assert.equal(xml('Icon').text(), 'extension/media/icon.png');
    assert.ok(
      files
        .get('extension/media/icon.png')!
        .subarray(0, 8)
        .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
      'the icon is a PNG',
    );
    assert.match(property('Microsoft.VisualStudio.Services.Branding.Color') ?? '', /^#[0-9A-Fa-f]{6}$/);
    assert.equal(property('Microsoft.VisualStudio.Services.Branding.Theme'), 'dark');
    assert.deepEqual(xml('Categories').text().split(','), ['Snippets', 'Linters', 'Other']);
    for (const tag of ['clerk', 'convex', 'nextjs', 'webhooks']) assert.ok(xml('Tags').text().split(',').includes(tag), tag);
    assert.equal(property('Microsoft.VisualStudio.Services.Content.Pricing'), 'Free');
    assert.equal(property('Microsoft.VisualStudio.Services.CustomerQnALink'), `${repositoryWeb}/discussions`);
    assert.equal(property('Microsoft.VisualStudio.Code.Engine'), '^1.99.0');
    const assets = xml('Asset')
      .toArray()
      .map((asset) => xml(asset).attr('Type'));
    for (const type of ['Content.Details', 'Content.Changelog', 'Content.License', 'Icons.Default'])
      assert.ok(assets.includes(`Microsoft.VisualStudio.Services.${type}`), type);
    assert.match(files.get('extension/license.txt')!.toString('utf8'), /^MIT License/);
    assert.match(files.get('extension/changelog.md')!.toString('utf8'), new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}\\b`, 'm'));
  });

  it("ships the bundles, not the sources, the CLI's npm package, the workflows or the icon's SVG source", () => {
    const names = [...files.keys()];
    for (const bundle of ['extension', 'languageclient', 'server', 'analysisworker', 'webhooks'])
      assert.ok(names.includes(`extension/dist/${bundle}.js`), bundle);
    const unwanted = names.filter((name) =>
      /^extension\/(src|test|packages|\.github|node_modules)\/|\.map$|^extension\/action\.yml$|^extension\/media\/icon\.svg$/.test(name),
    );
    assert.deepEqual(unwanted, []);
  });

  it('ships every file the manifest names (icons, snippets, grammars, walkthrough media, entry point)', () => {
    const named = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string' && /^(\.\/)?(dist|media|snippets|language|l10n)\/[^*]+\.\w+$/.test(value)) named.add(path.posix.normalize(value));
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    // `bin` (dist/cli.js) serves this repository's npm scripts; the CLI ships in its own package.
    const { bin: _cli, ...extensionFields } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    collect(extensionFields);
    assert.ok(named.has('dist/extension.js') && named.has('media/icon.png'), [...named].join(', '));
    const missing = [...named].filter((file) => !files.has(`extension/${file.toLowerCase()}`));
    assert.deepEqual(missing, []);
  });

  it('has a README whose images and links work on a marketplace page: absolute, to files of the repository', () => {
    const $ = cheerio.load(new MarkdownIt({ html: true }).render(files.get('extension/readme.md')!.toString('utf8')));
    const images = $('img')
      .toArray()
      .map((image) => $(image).attr('src') ?? '');
    const links = $('a')
      .toArray()
      .map((link) => $(link).attr('href') ?? '')
      .filter((href) => !href.startsWith('#'));
    assert.ok(images.length >= 4, `images: ${images.join(', ')}`);
    for (const src of images) {
      const file = new RegExp(`^${repositoryWeb}/raw/HEAD/(.+)$`).exec(src)?.[1];
      assert.ok(file && fs.existsSync(path.join(repoRoot, file)) && !file.endsWith('.svg'), `image ${src}`);
    }
    for (const href of links) {
      assert.match(href, /^(https:|mailto:)/, `link ${href}`);
      const file = new RegExp(`^${repositoryWeb}/blob/HEAD/([^#]+)`).exec(href)?.[1];
      if (file) assert.ok(fs.existsSync(path.join(repoRoot, decodeURIComponent(file))), `link ${href}`);
    }
  });

  describe('ovsx publish to a recording Open VSX registry', () => {
    const token = 'ovsx_fake_token_for_tests';
    let registry: OpenVsxRegistry;

    beforeEach(async () => {
      registry = await startOpenVsxRegistry({ [manifest.publisher]: token });
    });
    afterEach(() => registry.close());

    it('uploads the .vsix byte for byte with the token, to the namespace of the publisher, and succeeds', async () => {
      const { code, output } = await runOvsx(['publish', vsixPath, '-r', registry.url, '-p', token]);
      assert.equal(code, 0, output);
      assert.match(output, new RegExp(`Published ${manifest.publisher}\\.${manifest.name} v${manifest.version.replace(/\./g, '\\.')}`));
      assert.equal(registry.requests.length, 1);
      const [upload] = registry.requests;
      assert.deepEqual([upload.method, upload.pathname, upload.token, upload.contentType], ['POST', '/api/-/publish', token, 'application/octet-stream']);
      assert.ok(upload.body.equals(fs.readFileSync(vsixPath)), 'the uploaded bytes are the .vsix');
    });

    it("fails with the registry's reason when the token does not own the namespace", async () => {
      const { code, output } = await runOvsx(['publish', vsixPath, '-r', registry.url, '-p', 'someone-elses-token']);
      assert.equal(code, 1, output);
      assert.match(output, new RegExp(`Insufficient access rights for publisher: ${manifest.publisher}`));
    });
  });
});

// Keeps a translation in step with the English strings (docs/l10n-zh-cn.md describes the loop).
//   node scripts/l10n-missing.mjs [locale]               prints the untranslated strings as JSON:
//                                                        { "<translation file>": { "<key>": "<English>" } }
//   node scripts/l10n-missing.mjs [locale] --apply FILE  merges FILE (that shape, values translated)
// Both rewrite nothing else by hand: --apply writes each file in the English order and drops keys
// the English source no longer has. Locale defaults to zh-cn. Exit 1 when strings are missing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const applyAt = args.indexOf('--apply');
const applyFile = applyAt === -1 ? undefined : args[applyAt + 1];
if (applyAt !== -1 && !applyFile) {
  process.stderr.write('usage: node scripts/l10n-missing.mjs [locale] [--apply translations.json]\n');
  process.exit(2);
}
const locale = args.find((arg, index) => !arg.startsWith('--') && (applyAt === -1 || index !== applyAt + 1)) ?? 'zh-cn';

const l10nDir = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).l10n;
const pairs = [
  ['package.nls.json', `package.nls.${locale}.json`],
  [join(l10nDir, 'bundle.l10n.json'), join(l10nDir, `bundle.l10n.${locale}.json`)],
];

function readJson(file, fallback) {
  try {
    return JSON.parse(readFileSync(join(root, file), 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT' && fallback) return fallback;
    throw error;
  }
}

const incoming = applyFile ? JSON.parse(readFileSync(applyFile, 'utf8')) : {};
const missing = {};
for (const [englishFile, translatedFile] of pairs) {
  const english = readJson(englishFile);
  const translated = { ...readJson(translatedFile, {}), ...(incoming[translatedFile] ?? {}) };
  if (applyFile) {
    const ordered = Object.fromEntries(Object.keys(english).flatMap((key) => (key in translated ? [[key, translated[key]]] : [])));
    writeFileSync(join(root, translatedFile), `${JSON.stringify(ordered, null, 2)}\n`);
  }
  const untranslated = Object.fromEntries(Object.entries(english).filter(([key]) => !(key in translated)));
  if (Object.keys(untranslated).length > 0) missing[translatedFile] = untranslated;
  const stale = Object.keys(translated).filter((key) => !(key in english));
  if (stale.length > 0 && !applyFile) process.stderr.write(`${translatedFile}: ${stale.length} key(s) no longer in ${englishFile} (--apply drops them)\n`);
}
process.stdout.write(`${JSON.stringify(missing, null, 2)}\n`);
process.exitCode = Object.keys(missing).length > 0 ? 1 : 0;

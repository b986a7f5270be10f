// Real-world corpus benchmark: runs the built CLI over checkouts of the repositories listed in
// test/corpus/repos.json and scores every error and warning against the committed judgments in
// test/corpus/judgments.json. Not part of `npm test`: the checkouts are fetched separately (see
// docs/corpus.md) and never committed.
//
//   npm run corpus -- DIR [--write-unjudged FILE] [--repo owner/name]...
//   npm run corpus -- --fetch-help     how to get the checkouts
//
// DIR holds one checkout per listed repository, at DIR/<owner>__<name>, at the listed commit.
// Exit 0 when every finding is judged and no error is judged FALSE; 1 otherwise (so it can gate);
// 2 on a usage problem or when no checkout exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reposFile = path.join(root, 'test/corpus/repos.json');
const judgmentsFile = path.join(root, 'test/corpus/judgments.json');
const cli = path.join(root, 'dist/cli.js');
/** Judgments keep the start of the message only: enough to tell findings on one line apart. */
const messageLength = 160;

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'write-unjudged': { type: 'string' },
      repo: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
      'fetch-help': { type: 'boolean', default: false },
    },
  });
  if (values['fetch-help']) {
    process.stdout.write(fetchHelp);
    return 0;
  }
  if (values.help || positionals.length !== 1) {
    process.stderr.write('Usage: npm run corpus -- DIR [--write-unjudged FILE] [--repo owner/name]...\n       npm run corpus -- --fetch-help\n');
    return values.help ? 0 : 2;
  }
  const dir = path.resolve(positionals[0]);
  const repos = readJson(reposFile).filter((entry) => values.repo.length === 0 || values.repo.includes(entry.repo));
  const judgments = readJson(judgmentsFile);
  ensureBuilt();

  const results = [];
  const skipped = [];
  const started = Date.now();
  for (const entry of repos) {
    const checkout = path.join(dir, entry.repo.replace('/', '__'));
    if (!existsSync(checkout) || !statSync(checkout).isDirectory()) {
      skipped.push(entry.repo);
      continue;
    }
    results.push(checkRepo(entry.repo, checkout));
  }
  if (results.length === 0) {
    process.stderr.write(`No checkout of any listed repository under ${dir} (expected DIR/<owner>__<name>).\n`);
    return 2;
  }

  const scored = score(results, judgments);
  printTimes(results, Date.now() - started, skipped);
  printTable(scored);
  printFalse(scored.findings);
  printUnjudged(scored.unjudged);
  if (values['write-unjudged']) {
    writeFileSync(values['write-unjudged'], JSON.stringify(scored.unjudged.map(toStub), null, 2) + '\n');
    console.log(`\nWrote ${scored.unjudged.length} judgment stub(s) to ${values['write-unjudged']}.`);
  }
  const failedRuns = results.filter((result) => result.failure);
  const falseErrors = scored.findings.filter((f) => f.severity === 'error' && f.judgment?.verdict === 'FALSE');
  return scored.unjudged.length > 0 || falseErrors.length > 0 || failedRuns.length > 0 ? 1 : 0;
}

const fetchHelp = `Checkouts: any git clone (or git archive export) of each repository in test/corpus/repos.json,
at its listed commit, in DIR/<owner>__<name>. For example, for each entry:
  git clone --filter=blob:none https://github.com/<owner>/<name>.git DIR/<owner>__<name>
  git -C DIR/<owner>__<name> checkout <commit>
.corpus/ is git-ignored for this. Details: docs/corpus.md.
`;

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
}

function ensureBuilt() {
  if (existsSync(cli)) return;
  const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed (node esbuild.config.mjs)');
}

/** The CLI must judge the code alone: no Clerk or Convex variable of this shell may leak in. */
function cleanEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/(^|_)(CLERK|CONVEX)/i.test(name)));
}

/** Runs `check --format json` on one checkout; keeps errors and warnings (info is not scored). */
function checkRepo(repo, checkout) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [cli, 'check', checkout, '--format', 'json'], {
    env: cleanEnvironment(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Date.now() - started;
  // Exit 1 only means "some finding is an error"; anything else but 0 is a failed run.
  if (run.status !== 0 && run.status !== 1) {
    return { repo, ms, findings: [], failure: `exit ${run.status}: ${(run.stderr || '').trim().split('\n')[0]}` };
  }
  const findings = JSON.parse(run.stdout)
    .filter((finding) => finding.severity === 'error' || finding.severity === 'warning')
    .map((finding) => ({ repo, ...finding, message: finding.message.slice(0, messageLength) }));
  return { repo, ms, findings };
}

const keyOf = (item) => `${item.repo}\u0000${item.file}\u0000${item.line}\u0000${item.ruleId}`;

/**
 * Matches findings to judgments by repository, file, line and rule. Several findings can share
 * that key (one per variable on one line); then the message start decides. A key with a single
 * judgment matches whatever its message says now, so rewording a message keeps its judgment.
 */
function score(results, judgments) {
  const byKey = new Map();
  for (const judgment of judgments) {
    const list = byKey.get(keyOf(judgment)) ?? [];
    list.push(judgment);
    byKey.set(keyOf(judgment), list);
  }
  const used = new Set();
  const findings = results.flatMap((result) => result.findings);
  for (const finding of findings) {
    const candidates = (byKey.get(keyOf(finding)) ?? []).filter((j) => j.verdict === 'TRUE' || j.verdict === 'FALSE');
    finding.judgment = candidates.find((j) => j.message === finding.message) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (finding.judgment) used.add(finding.judgment);
  }
  const checkedRepos = new Set(results.map((result) => result.repo));
  const unused = judgments.filter((j) => checkedRepos.has(j.repo) && !used.has(j)).length;
  return { findings, unjudged: findings.filter((f) => !f.judgment), unused };
}

function printTimes(results, totalMs, skipped) {
  console.log('Time per repository:');
  for (const result of results) {
    const counts = `${result.findings.length} error/warning finding(s)`;
    console.log(`  ${(result.ms / 1000).toFixed(1).padStart(6)} s  ${result.repo}  ${result.failure ? `FAILED (${result.failure})` : counts}`);
  }
  console.log(`  ${(totalMs / 1000).toFixed(1).padStart(6)} s  total, ${results.length} repositories`);
  if (skipped.length > 0) console.log(`  skipped (no checkout): ${skipped.join(', ')}`);
}

const percent = (numerator, denominator) => (denominator === 0 ? '-' : `${((100 * numerator) / denominator).toFixed(1)}%`);

function printTable({ findings, unjudged, unused }) {
  const rules = [...new Set(findings.map((f) => f.ruleId))].sort();
  const header = ['rule', 'errors', 'warnings', 'TRUE', 'FALSE', 'unjudged', 'precision'];
  const rows = rules.map((rule) => {
    const own = findings.filter((f) => f.ruleId === rule);
    const isTrue = own.filter((f) => f.judgment?.verdict === 'TRUE').length;
    const isFalse = own.filter((f) => f.judgment?.verdict === 'FALSE').length;
    return [
      rule,
      own.filter((f) => f.severity === 'error').length,
      own.filter((f) => f.severity === 'warning').length,
      isTrue,
      isFalse,
      own.length - isTrue - isFalse,
      percent(isTrue, isTrue + isFalse),
    ].map(String);
  });
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log('\nPrecision per rule (errors and warnings; info is not scored):');
  console.log(line(header));
  for (const row of rows) console.log(line(row));

  const warnings = findings.filter((f) => f.severity === 'warning' && f.judgment);
  const trueWarnings = warnings.filter((f) => f.judgment.verdict === 'TRUE').length;
  const errors = findings.filter((f) => f.severity === 'error');
  const falseErrors = errors.filter((f) => f.judgment?.verdict === 'FALSE').length;
  console.log(`\nWarnings: ${trueWarnings} of ${warnings.length} judged true (${percent(trueWarnings, warnings.length)}; target >= 95%).`);
  console.log(`Errors: ${errors.length}, of which judged FALSE: ${falseErrors} (target 0).`);
  console.log(`Unjudged findings: ${unjudged.length}. Unused judgments (findings that no longer appear): ${unused}.`);
}

function printFalse(findings) {
  const wrong = findings.filter((f) => f.judgment?.verdict === 'FALSE');
  if (wrong.length === 0) return;
  console.log('\nFindings judged FALSE (still reported):');
  for (const f of wrong) console.log(`  ${f.repo} ${f.file}:${f.line} ${f.severity} ${f.ruleId}: ${f.judgment.why}`);
}

function printUnjudged(unjudged) {
  if (unjudged.length === 0) return;
  console.log('\nUnjudged findings:');
  for (const f of unjudged) console.log(`  ${f.repo} ${f.file}:${f.line} ${f.severity} ${f.ruleId}: ${f.message}`);
}

const toStub = (f) => ({
  repo: f.repo,
  file: f.file,
  line: f.line,
  ruleId: f.ruleId,
  severity: f.severity,
  message: f.message,
  verdict: null,
  why: '',
});

process.exitCode = main();

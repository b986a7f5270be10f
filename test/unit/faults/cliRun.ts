// Runs the transpiled CLI as a child process for the fault tests and times its exit.
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/paths';

const cli = path.join(repoRoot, 'out/src/cli/main.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** `Date.now()` when the process had exited. */
  readonly exitedAt: number;
  /** `Date.now()` when the first stderr output arrived (undefined if none). */
  readonly firstStderrAt?: number;
}

/** The CLI with only PATH and `env` (no inherited Clerk variables); rejects if it runs longer than `limitMs`. */
export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; stdin?: string; limitMs?: number } = {}): Promise<CliRun> {
  const { limitMs = 30_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: options.cwd ?? os.tmpdir(), env: { PATH: process.env.PATH ?? '', ...options.env } });
    let stdout = '';
    let stderr = '';
    let firstStderrAt: number | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`clerk-toolkit ${args.join(' ')} still running after ${limitMs} ms (something left pending)\n${stderr}`));
    }, limitMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => {
      firstStderrAt ??= Date.now();
      stderr += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, exitedAt: Date.now(), firstStderrAt });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

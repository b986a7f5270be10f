/**
 * Runs the engine on a folder in a child process and prints what the hostile-workspace tests assert
 * on, as JSON: findings, failure notes, every path the disk host was asked to read, and the time.
 * A child, so that a walk or regex that never ends fails the test by its time limit instead of
 * freezing the test run.
 */
import * as fs from 'node:fs';
import { checkDirectory, describeFailure } from '../../../src/core/engine';
import { createNodeHost, type FileHost } from '../../../src/core/project/fileHost';

export interface ChildCheck {
  findings: string[];
  notes: string[];
  /** Real paths of every file and folder read (content or listing). */
  reads: string[];
  ms: number;
}

/** Checks a folder through a disk host that records every path it is asked to read. */
export function recordingCheck(dir: string): ChildCheck {
  const disk = createNodeHost();
  const reads = new Set<string>();
  const record = (file: string) => {
    try {
      reads.add(fs.realpathSync(file));
    } catch {
      // Absent: nothing was read.
    }
  };
  const host: FileHost = {
    ...disk,
    readFile: (file) => (record(file), disk.readFile(file)),
    readDirectory: (folder) => (record(folder), disk.readDirectory(folder)),
  };
  const started = Date.now();
  const { findings, failures } = checkDirectory(dir, {}, host);
  return {
    findings: findings.map((finding) => `${finding.ruleId} ${finding.location.file.slice(dir.length + 1)}`),
    notes: failures.map((failure) => describeFailure(failure, (file) => file.slice(dir.length + 1))),
    reads: [...reads],
    ms: Date.now() - started,
  };
}

if (require.main === module) process.stdout.write(JSON.stringify(recordingCheck(process.argv[2])));

import * as path from 'node:path';
import { runMochaSuite } from '../integration/mochaRunner';

/** Entry for the run with Workspace Trust enabled: the fixture folder opens in Restricted Mode. */
export function run(): Promise<void> {
  return runMochaSuite(path.join(__dirname, 'suite'));
}

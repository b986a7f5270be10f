import * as path from 'node:path';
import { runMochaSuite } from '../mochaRunner';

/** Entry for the multi-root run (see run-integration.ts for the folders it opens). */
export function run(): Promise<void> {
  return runMochaSuite(path.join(__dirname, 'suite'));
}

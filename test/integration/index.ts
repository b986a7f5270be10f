import * as path from 'node:path';
import { runMochaSuite } from './mochaRunner';

/** Entry the extension host calls (extensionTestsPath): runs every suite/*.test.js. */
export function run(): Promise<void> {
  return runMochaSuite(path.join(__dirname, 'suite'));
}

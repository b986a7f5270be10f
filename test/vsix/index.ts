import * as path from 'node:path';
import { runMochaSuite } from '../integration/mochaRunner';

/** Entry for the packaged-extension check: runs suite/*.test.js against the installed .vsix. */
export function run(): Promise<void> {
  return runMochaSuite(path.join(__dirname, 'suite'));
}

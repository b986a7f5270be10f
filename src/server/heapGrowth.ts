import { setFlagsFromString } from 'node:v8';

/**
 * The analysis allocates mostly short-lived syntax trees, and V8's default heap growth let a
 * 20,000-file check reach 460 MB of memory for about 120 MB of live data. Growing the heap by 10%
 * per collection instead kept it under 300 MB at the same speed (measured in `npm run bench`).
 * Read by V8 at every heap resize, so it applies when set after start; only processes this
 * product owns set it (the CLI and the language server, never the editor's extension host).
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=10');
}

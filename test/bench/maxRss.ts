// Preloaded (`node -r`) into a measured command: writes its peak RSS in KB to $BENCH_RSS_FILE on exit.
import * as fs from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});

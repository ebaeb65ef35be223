// Preloaded into a `suquan` run by the campaign tests (`node --import malformedRss.mjs bin/suquan.js …`):
// when the process exits, writes its peak resident set size (bytes) to $SUQUAN_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.SUQUAN_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});

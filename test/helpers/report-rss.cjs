// Preloaded (`node --require`) into a CLI a test spawns: at exit, writes the process's peak RSS in kilobytes to
// the file named by PINGATE_TEST_RSS_FILE, so the test can bound the memory a bad input costs.
const { writeFileSync } = require('node:fs');

const file = process.env.PINGATE_TEST_RSS_FILE;
if (file) {
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}

// Child process of the publisher kill test: a server's publisher (the default build in a child process) publishing
// one report, killed by the test mid-build. Prints "publishing" when it starts.
import { readFileSync, writeSync } from 'node:fs';
import { createReportPublisher } from '../../server/runtime/report-publisher.js';

const [corpusDir, dataDir, indexDir] = process.argv.slice(2);
if (!corpusDir || !dataDir || !indexDir) throw new Error('usage: publish-parent.ts <corpusDir> <dataDir> <indexDir>');
const publisher = createReportPublisher({
  corpusDir,
  dataDir,
  indexDir,
  index: () => {
    throw new Error('not needed to publish');
  },
  activate: () => undefined,
});
writeSync(1, 'publishing\n');
const outcome = await publisher.publish([{ name: 'sample-2016-gkbg.txt', bytes: readFileSync('test/fixtures/reports/sample-2016-gkbg.txt') }], { replace: false });
writeSync(1, `${JSON.stringify(outcome)}\n`);

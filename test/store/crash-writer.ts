// Child process of the crash test: writes FAQ entries (and edits) through the store as fast as it can and reports
// each acknowledged write on stdout ("c <id> <question>", "u <id> <version>", or "q <answer id>" for a question-log
// row written by the log's batch, which does not sync) until it is killed.
import { writeSync } from 'node:fs';
import { openSqliteStore } from '../../server/store/sqlite-store.js';

const dataDir = process.argv[2];
const round = process.argv[3] ?? '0';
if (!dataDir) throw new Error('usage: crash-writer.ts <dataDir> [round]');
const store = openSqliteStore({ dataDir });
const padding = '办事大厅工作时间为周一至周五上午九点至十二点，下午一点半至五点。'.repeat(40);
writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  const question = `第${round}轮问题${i}：办事大厅几点上班？`;
  const entry = await store.createFaq(
    { question, alternatives: [`别名${i}`], answer: `${i} ${padding}`, link: null, tags: ['crash'], enabled: true, hot: i % 2 === 0 },
    'crash-test',
  );
  // Synchronous write to fd 1: the line is out before the next write starts, so every reported id was acknowledged.
  writeSync(1, `c ${entry.id} ${question}\n`);
  const answerId = `crash-${round}-${i}`;
  await store.recordQuestion({ id: answerId, question, matched: 'none', faqId: null, passage: null, askedAt: new Date().toISOString() });
  await store.flush();
  writeSync(1, `q ${answerId}\n`);
  if (i % 3 === 2) {
    const result = await store.updateFaq(entry.id, { question, alternatives: [], answer: `edited ${i}`, link: null, tags: [], enabled: true, hot: false }, entry.version, 'crash-test');
    if (result.status === 'updated') writeSync(1, `u ${entry.id} ${result.entry.version}\n`);
  }
}

// `npm run ask -- "问题"`: answers one question from the command line, with its source.
import { ConfigError, readConfig } from '../config.js';
import { createLogger } from '../http/log.js';
import { loadCorpusEngine } from '../runtime/node-engine.js';

const question = process.argv.slice(2).join(' ').trim();
if (!question) {
  console.error('usage: npm run ask -- "投诉电话是多少"');
  process.exit(2);
}
try {
  const config = readConfig(process.env);
  const { engine } = loadCorpusEngine(config, createLogger('warn'));
  const { response } = await engine.answer(question);
  console.log(response.answer);
  for (const s of response.sources) {
    console.log(`\n— ${s.title}${s.date ? `（${s.date}）` : ''}${s.section ? ` · ${s.section}` : ''}${s.url ? `\n  ${s.url}` : ''}`);
  }
  if (response.matched === 'none') process.exitCode = 3;
} catch (error) {
  console.error((error as Error).message);
  process.exit(error instanceof ConfigError ? 2 : 1);
}

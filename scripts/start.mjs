// `npm start`: builds what is stale (scripts/build.mjs: the browser programs, the server) and runs the compiled
// server in this process, so one `node` process serves (the index, when stale, is built by a child it starts).
import { buildServer, buildWeb, SERVER_MAIN } from './build.mjs';

try {
  buildWeb();
  await buildServer();
} catch (error) {
  console.error(`cannot start: ${error.message}`);
  process.exit(1);
}
const server = await import(new URL(`../${SERVER_MAIN}`, import.meta.url).href);
server.main();

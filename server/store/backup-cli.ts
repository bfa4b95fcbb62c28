// `npm run backup [-- <file or folder>]`: writes a consistent copy of the database in DATA_DIR (default
// DATA_DIR/backups/qa-robot-<time>.sqlite); safe while the server runs.
import { ConfigError, readConfig } from '../config.js';
import { backupDatabase } from './backup.js';

try {
  const config = readConfig(process.env);
  const target = process.argv.slice(2).find((a) => !a.startsWith('-'));
  const result = await backupDatabase(config.dataDir, target);
  console.log(`backup written: ${result.file} (${result.bytes} bytes, ${result.pages} pages, integrity ok)`);
} catch (error) {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}

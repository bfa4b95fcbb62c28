// `npm run backup [-- <folder>]`: writes a backup of DATA_DIR (the database, the published reports and the site data) into a new
// folder (default DATA_DIR/backups/qa-robot-<time>/); safe while the server runs.
import { ConfigError, readConfig } from '../config.js';
import { backupDataDir } from './backup.js';

try {
  const config = readConfig(process.env);
  const target = process.argv.slice(2).find((a) => !a.startsWith('-'));
  const result = await backupDataDir(config.dataDir, target);
  console.log(
    `backup written: ${result.folder} (database ${result.database.bytes} bytes, ${result.database.pages} pages, integrity ok; ` +
      `${result.reportFiles} published report file(s), ${result.siteDataFiles} site data file(s))`,
  );
} catch (error) {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}

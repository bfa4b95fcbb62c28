// `npm run restore -- <backup folder>`: puts a backup made by `npm run backup` back into DATA_DIR (the database,
// the published reports and the site data; what it replaces is moved into DATA_DIR/backups/replaced-<time>/). Stop the server first.
import { ConfigError, readConfig } from '../config.js';
import { restoreDataDir } from './backup.js';

try {
  const config = readConfig(process.env);
  const folder = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!folder) throw new Error('name the backup folder: npm run restore -- data/backups/qa-robot-20240501-083000');
  const result = restoreDataDir(folder, config.dataDir);
  console.log(
    `restored ${folder} into ${config.dataDir} (${result.reportFiles} published report file(s), ${result.siteDataFiles} site data file(s))` +
      (result.replaced ? `; the data it replaced is in ${result.replaced}` : '') +
      '. Start the server: it rebuilds the index from the shipped and restored reports.',
  );
} catch (error) {
  console.error(`restore failed: ${(error as Error).message}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}

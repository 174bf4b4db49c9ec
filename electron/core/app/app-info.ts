import { createRequire } from 'node:module';
import type { AppInfo } from '../../../shared/contract/app.js';
import type { CallContext } from '../dispatcher.js';

export interface RuntimeFacts {
  readonly version: string;
  readonly dataDir: string;
  readonly electronVersion: string | null;
}

let sqliteVersion: string | null | undefined;

/** Read once; null (not a crash) when the native module cannot load in this runtime. */
function readSqliteVersion(): string | null {
  if (sqliteVersion !== undefined) return sqliteVersion;
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(':memory:');
    sqliteVersion = db.prepare('select sqlite_version()').pluck().get() as string;
    db.close();
  } catch {
    sqliteVersion = null;
  }
  return sqliteVersion;
}

export function appInfo(facts: RuntimeFacts, environment: AppInfo['environment'], ctx: CallContext): AppInfo {
  return {
    name: 'Comptoir',
    version: facts.version,
    dataDir: facts.dataDir,
    environment,
    transport: ctx.transport,
    platform: `${process.platform}-${process.arch}`,
    versions: { node: process.versions.node, electron: facts.electronVersion, sqlite: readSqliteVersion() },
  };
}

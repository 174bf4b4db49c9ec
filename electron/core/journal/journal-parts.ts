import type { AccountStore } from './accounts.js';
import type { FactWriter } from './fact-writer.js';
import type { OperationRows } from './operation-rows.js';
import type { OperationViews } from './operation-views.js';
import type { SqlEngine } from './sql-engine.js';

/** What the journal's modules share, made once by the facade: the connection, the clock, and the parts every writer and reader builds on. */
export interface JournalParts {
  readonly sql: SqlEngine;
  readonly now: () => number;
  readonly accounts: AccountStore;
  readonly rows: OperationRows;
  readonly views: OperationViews;
  /** The one write path for answers. */
  readonly facts: FactWriter;
}

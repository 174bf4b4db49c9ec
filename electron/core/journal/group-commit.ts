import type { Journal } from './journal.js';
import type { IntentInput, RecordIntentResult } from './types.js';

export interface GroupCommitterOptions {
  /** Flush as soon as this many intents wait (default 256). */
  readonly maxBatch?: number;
}

interface Waiting {
  readonly input: IntentInput;
  readonly resolve: (result: RecordIntentResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for write-ahead intents. Each caller still gets its answer only once its intent
 * is durable (synchronous=FULL), so it is as safe as one transaction per intent; intents that
 * arrive during the same event-loop turn share one transaction and so one fsync. That is how
 * a busy desk (many operators, batch re-billing) exceeds what the disk allows per commit.
 */
export class GroupCommitter {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private readonly maxBatch: number;

  constructor(
    private readonly journal: Journal,
    options: GroupCommitterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
  }

  recordIntent(input: IntentInput): Promise<RecordIntentResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.waiting.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what waits now, in one transaction. */
  flush(): void {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    let results;
    try {
      results = this.journal.recordIntents(batch.map((w) => w.input));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    results.forEach((result, index) => {
      const w = batch[index] as Waiting;
      if (result.kind === 'rejected') w.reject(result.error);
      else w.resolve(result);
    });
  }
}

import type { Logger } from './logging/logger.js';

interface Entry {
  readonly name: string;
  readonly close: () => unknown;
}

/**
 * What core has opened, registered the moment each thing opens, so that shutdown cannot leak:
 * after a start that failed half-way as after a normal run, everything opened is closed, the
 * last opened first (the listener before the writer it feeds, the journal last). Every step
 * runs even when an earlier one fails, and every failure is logged and reported together.
 */
export class ResourceStack {
  private readonly entries: Entry[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  /** Registers what was just opened and returns it, so opening and registering are one step. */
  add<T>(name: string, resource: T, close: (resource: T) => unknown): T {
    this.entries.push({ name, close: () => close(resource) });
    return resource;
  }

  /**
   * Closes everything in reverse order of opening, once (a second call gets the same outcome).
   * Rejects with an AggregateError naming every step that failed, after all steps ran.
   */
  close(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  private async closeAll(): Promise<void> {
    const failures: Error[] = [];
    for (const entry of [...this.entries].reverse()) {
      try {
        await entry.close();
      } catch (error) {
        this.logger.error({ err: error, resource: entry.name }, 'could not close cleanly; the others are closed anyway');
        failures.push(new Error(`${entry.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      }
    }
    if (failures.length > 0) {
      throw new AggregateError(failures, `shutdown incomplete: ${failures.map((failure) => failure.message).join('; ')}`);
    }
  }
}

/**
 * Follow-ups in flight, by reference TRANSACTIONID. A second follow-up on the same reference
 * while one is still being processed gets 2017, as Dalenys refuses concurrent edits.
 */
export class ReferenceLocks {
  private readonly held = new Set<string>();

  /** Returns a release function, or undefined when the reference is already being edited. */
  acquire(reference: string): (() => void) | undefined {
    if (this.held.has(reference)) return undefined;
    this.held.add(reference);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held.delete(reference);
    };
  }

  isHeld(reference: string): boolean {
    return this.held.has(reference);
  }
}

import type { EventName } from '../../shared/contract/channels.js';
import type { EventPayload } from '../../shared/contract/events.js';

type Listener = (name: EventName, payload: unknown) => void;

/**
 * Core's outgoing events. Each event keeps its latest value and replays it to a new
 * subscriber, so a window that opens (or an SSE stream that reconnects) shows the current
 * state at once instead of waiting for the next change.
 */
export class EventBus {
  private readonly latest = new Map<EventName, unknown>();
  private readonly listeners = new Set<Listener>();

  /**
   * @param onListenerError told when a listener throws (a window closing mid-send): the other
   *   listeners still get the event, and the emitter (a payment being answered) never fails.
   */
  constructor(private readonly onListenerError: (error: unknown, name: EventName) => void = () => undefined) {}

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    this.latest.set(name, payload);
    for (const listener of [...this.listeners]) this.deliver(listener, name, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    for (const [name, payload] of this.latest) this.deliver(listener, name, payload);
    return () => this.listeners.delete(listener);
  }

  private deliver(listener: Listener, name: EventName, payload: unknown): void {
    try {
      listener(name, payload);
    } catch (error) {
      this.onListenerError(error, name);
    }
  }

  current<E extends EventName>(name: E): EventPayload<E> | undefined {
    return this.latest.get(name) as EventPayload<E> | undefined;
  }
}

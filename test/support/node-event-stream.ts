import { get, type ClientRequest } from 'node:http';

/**
 * Node 20 has no EventSource: this reads a real server-sent-events stream over HTTP for the
 * web transport in vitest. The browser's own EventSource is exercised by the Playwright suite.
 */
export class NodeEventStream {
  private readonly listeners = new Map<string, Set<(message: MessageEvent<string>) => void>>();
  private readonly request: ClientRequest;

  constructor(url: string) {
    this.request = get(url, (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      });
    });
    this.request.on('error', () => undefined);
  }

  addEventListener(type: string, listener: (message: MessageEvent<string>) => void): void {
    const set = this.listeners.get(type) ?? new Set();
    this.listeners.set(type, set);
    set.add(listener);
  }

  close(): void {
    this.request.destroy();
  }

  private dispatch(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) type = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) return;
    for (const listener of this.listeners.get(type) ?? []) listener({ data: data.join('\n') } as MessageEvent<string>);
  }
}

import net from 'node:net';

/**
 * A slowloris sender in a process of its own (forked by `slow-clients.test.ts`): it opens
 * `count` connections from `localAddress` that each send part of a request's headers and then
 * nothing (or nothing at all), and holds them until it is killed. Its own process, so its
 * sockets count against its own file-descriptor limit, not the listener's: the test
 * then needs no more than a stock `ulimit -n` of 1024 on either side.
 *
 * Reports `{ settled, closed, held, failed }` to the parent once every connection is either
 * connected or closed, and again at every close after that.
 */
const [port, count, localAddress, partial] = process.argv.slice(2);
const total = Number(count);
let settled = 0;
let closed = 0;
let failed = 0;
const sockets: net.Socket[] = [];

function report(): void {
  if (settled < total) return;
  const held = sockets.filter((socket) => !socket.destroyed && socket.readyState === 'open').length;
  process.send?.({ settled, closed, held, failed });
}

for (let i = 0; i < total; i += 1) {
  let done = false;
  const settle = (): void => {
    if (done) return;
    done = true;
    settled += 1;
  };
  const socket = net.connect({ port: Number(port), host: '127.0.0.1', localAddress });
  sockets.push(socket);
  // Reading, so the server closing the connection is seen.
  socket.resume();
  socket.on('connect', () => {
    if (partial === 'partial') socket.write('POST /dalenys/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n');
    settle();
    report();
  });
  // A connection this process could not even open (EMFILE) is no test of the listener.
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EMFILE' || error.code === 'ENFILE') failed += 1;
  });
  socket.on('close', () => {
    closed += 1;
    settle();
    report();
  });
}

// Held until killed, even once the listener has closed every connection of this sender.
setInterval(() => undefined, 60_000);

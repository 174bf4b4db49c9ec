/** The package ships no types: a through stream from bzip2 bytes to plain ones. */
declare module 'unbzip2-stream' {
  import type { Duplex } from 'node:stream';
  export default function unbzip2Stream(): Duplex;
}

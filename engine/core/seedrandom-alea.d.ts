// seedrandom ships each generator as its own CommonJS file; importing Alea alone keeps the
// engine's bundle small and avoids seedrandom's optional `require('crypto')`.
declare module 'seedrandom/lib/alea.js' {
  import type seedrandom from 'seedrandom';
  const alea: (seed?: string) => seedrandom.PRNG;
  export default alea;
}

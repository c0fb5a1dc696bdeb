import { describe, expect, it } from 'vitest';
import { cos, exp, log, sin } from './math.ts';

/** Deterministic inputs: xorshift32 into (0, 1). */
function uniforms(count: number, seed = 2463534242): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return (x + 0.5) / 4294967296;
  });
}

/** How many doubles apart a and b are (both finite, same sign). */
function ulpsApart(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) - view.getBigInt64(8));
}

const functions = [
  { name: 'log', mine: log, math: Math.log, inputs: (u: number) => [1 - u, u * 10 ** (u * 600 - 300), 1 + (u - 0.5) * 1e-6] },
  { name: 'exp', mine: exp, math: Math.exp, inputs: (u: number) => [(u - 0.5) * 40, (u - 0.5) * 1400, (u - 0.5) * 1e-9] },
  { name: 'sin', mine: sin, math: Math.sin, inputs: (u: number) => [2 * Math.PI * u, (u - 0.5) * 1e6, (u - 0.5) * 1e-6] },
  { name: 'cos', mine: cos, math: Math.cos, inputs: (u: number) => [2 * Math.PI * u, (u - 0.5) * 1e6, (u - 0.5) * 1e-6] },
];

describe('engine math (the same bits in every JavaScript engine)', () => {
  it.each(functions)('$name is within one bit of Math.$name everywhere the engine draws', ({ mine, math, inputs }) => {
    for (const u of uniforms(20_000)) {
      for (const x of inputs(u)) {
        const a = mine(x);
        const b = math(x);
        if (a !== b) expect(Math.abs(ulpsApart(a, b))).toBeLessThanOrEqual(1);
      }
    }
  });

  // Node 20's V8 (11.x) computes these with fdlibm, as this module does: runs drawn with either
  // are the same runs. Newer V8 builds (Chromium's) differ from both in the last bit.
  it.runIf(process.versions.v8.startsWith('11.'))('gives the bits of Node 20’s Math.log, exp, sin and cos', () => {
    for (const { name, mine, math, inputs } of functions) {
      const differing = uniforms(20_000, 7).flatMap(inputs).filter((x) => !Object.is(mine(x), math(x)));
      expect(differing, name).toEqual([]);
    }
  });

  it('answers the special values as Math does', () => {
    const specials = [0, -0, 1, -1, 2, 0.5, Infinity, -Infinity, NaN, 5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, 709.79, -745.2, 1e-300, Math.PI, Math.PI / 2, Math.PI / 4];
    for (const x of specials) {
      expect(log(x)).toBe(Math.log(x));
      expect(exp(x)).toBe(Math.exp(x));
    }
    for (const x of [0, -0, Infinity, -Infinity, NaN, Math.PI / 4, Math.PI / 2, Math.PI, 1e-10]) {
      expect(sin(x)).toBe(Math.sin(x));
      expect(cos(x)).toBe(Math.cos(x));
    }
    expect(exp(1)).toBe(Math.E);
  });

  it('refuses an angle too large for its reduction rather than answer wrongly', () => {
    expect(() => sin(1e7)).toThrow(RangeError);
    expect(() => cos(-1e7)).toThrow(/up to 2\^19/);
  });
});

import { describe, expect, it } from 'vitest';
import { createSimulation } from './simulation.ts';

describe('simulation kernel', () => {
  it('runs events in time order and moves the clock to each one', () => {
    const sim = createSimulation();
    const seen: [number, number][] = [];
    const note = sim.defineEvent('note', (a) => seen.push([sim.now, a]));
    sim.at(300, note, 3);
    sim.at(100, note, 1);
    sim.after(200, note, 2);
    sim.runUntil(1000);
    expect(seen).toEqual([
      [100, 1],
      [200, 2],
      [300, 3],
    ]);
    expect(sim.now).toBe(1000);
  });

  it('runs simultaneous events in the order they were scheduled, also when scheduled by events', () => {
    const sim = createSimulation();
    const order: string[] = [];
    const leaf = sim.defineEvent('leaf', (a) => order.push(`leaf${a}`));
    const root = sim.defineEvent('root', (a) => {
      order.push(`root${a}`);
      sim.after(0, leaf, a);
    });
    sim.at(10, root, 1);
    sim.at(10, root, 2);
    sim.at(10, leaf, 0);
    sim.runUntil(10);
    expect(order).toEqual(['root1', 'root2', 'leaf0', 'leaf1', 'leaf2']);
  });

  it('stops runUntil at the given time, leaving later events pending', () => {
    const sim = createSimulation();
    const e = sim.defineEvent('e', () => {});
    sim.at(50, e);
    sim.at(150, e);
    sim.runUntil(100);
    expect(sim.events).toBe(1);
    expect(sim.pending).toBe(1);
    expect(sim.peek()).toBe(150);
    expect(sim.now).toBe(100);
  });

  it('steps one event at a time', () => {
    const sim = createSimulation();
    const e = sim.defineEvent('e', () => {});
    sim.at(5, e);
    sim.at(9, e);
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(5);
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(9);
    expect(sim.step()).toBe(false);
  });

  it('rounds delays to whole microseconds', () => {
    const sim = createSimulation();
    const e = sim.defineEvent('e', () => {});
    sim.after(2.6, e);
    expect(sim.peek()).toBe(3);
  });

  it('refuses to schedule into the past, naming the event', () => {
    const sim = createSimulation();
    const e = sim.defineEvent('arrival', () => {});
    sim.runUntil(100);
    expect(() => sim.at(50, e)).toThrow('cannot schedule arrival at 50us, before now (100us)');
    expect(() => sim.at(Number.NaN, e)).toThrow('cannot schedule arrival');
  });

  it('stops cleanly when the event budget is used up, with the reason', () => {
    const sim = createSimulation({ eventBudget: 1000 });
    const tick = sim.defineEvent('tick', () => sim.after(1, tick));
    sim.at(0, tick);
    const reason = sim.runUntil(1_000_000_000);
    expect(reason?.code).toBe('event-budget');
    expect(reason?.message).toBe('event budget of 1000 events used up at 999us');
    expect(sim.events).toBe(1000);
    expect(sim.now).toBe(999);
    expect(sim.step()).toBe(false);
    expect(sim.snapshot().stopped).toBe(reason?.message);
  });

  it('stops step() at the event budget too', () => {
    const sim = createSimulation({ eventBudget: 2 });
    const tick = sim.defineEvent('tick', () => sim.after(1, tick));
    sim.at(0, tick);
    expect([sim.step(), sim.step(), sim.step()]).toEqual([true, true, false]);
    expect(sim.stopReason?.code).toBe('event-budget');
  });

  it('stops cleanly when the wall-time budget is used up, reading only the clock it is given', () => {
    let wall = 0;
    const sim = createSimulation({ wallBudgetMs: 50, wallClock: () => wall });
    const tick = sim.defineEvent('tick', () => {
      wall += 0.001; // each event "takes" a microsecond of wall time
      sim.after(10, tick);
    });
    sim.at(0, tick);
    const reason = sim.runUntil(Infinity);
    expect(reason?.code).toBe('wall-time');
    expect(reason?.message).toMatch(/^wall-time budget of 50 ms used up at /);
    // Checked every 4096 events, so it stops within one chunk of the budget.
    expect(sim.events).toBeGreaterThanOrEqual(50_000);
    expect(sim.events).toBeLessThan(50_000 + 4096 * 2);
  });

  it('does not count wall time between runUntil calls against the budget', () => {
    let wall = 0;
    const sim = createSimulation({ wallBudgetMs: 10, wallClock: () => wall });
    const tick = sim.defineEvent('tick', () => sim.after(1000, tick));
    sim.at(0, tick);
    for (let i = 1; i <= 5; i++) {
      wall += 1000; // a long pause between slices, as in a paused playground
      expect(sim.runUntil(i * 1_000_000)).toBeNull();
    }
  });

  it('detects a zero-time loop and reports where it happened', () => {
    const sim = createSimulation({ zeroTimeLimit: 10_000 });
    const spin = sim.defineEvent('spin', () => sim.after(0, spin));
    sim.at(42_000, spin);
    const reason = sim.runUntil(Infinity);
    expect(reason?.code).toBe('zero-time-loop');
    expect(reason?.message).toBe('zero-time loop: more than 10000 events at 42ms without the clock moving (last: spin)');
  });

  it('does not mistake many simultaneous events for a loop when the clock moves on', () => {
    const sim = createSimulation({ zeroTimeLimit: 100 });
    const e = sim.defineEvent('e', () => {});
    for (let t = 0; t < 10; t++) for (let i = 0; i < 100; i++) sim.at(t, e);
    expect(sim.runUntil(Infinity)).toBeNull();
    expect(sim.events).toBe(1000);
  });

  it('neither runs nor counts a cancelled event, and keeps the order of the rest', () => {
    const sim = createSimulation();
    const seen: number[] = [];
    const note = sim.defineEvent('note', (a) => seen.push(a));
    sim.at(10, note, 1);
    const timeout = sim.at(10, note, 2);
    sim.at(10, note, 3);
    const first = sim.at(5, note, 0);
    expect(sim.cancel(timeout)).toBe(true);
    expect(sim.pending).toBe(3);
    // A handle whose event already ran cancels nothing, even once its slot holds another event.
    sim.runUntil(5);
    sim.at(20, note, 4);
    expect(sim.cancel(first)).toBe(false);
    expect(sim.cancel(timeout)).toBe(false);
    sim.runUntil(100);
    expect(seen).toEqual([0, 1, 3, 4]);
    expect(sim.events).toBe(4);
  });

  it('snapshots its state as plain JSON', () => {
    const sim = createSimulation();
    const e = sim.defineEvent('e', () => {});
    sim.at(7, e);
    sim.at(9, e);
    sim.runUntil(8);
    const snapshot = sim.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual({ nowUs: 8, events: 1, pending: 1, stopped: null });
  });

  describe('advanceTo (a handler running its own next event inline)', () => {
    /** Two chains of events; one uses advanceTo for its own next step. Returns the trace. */
    function trace(inline: boolean, until = 10_000) {
      const sim = createSimulation();
      const seen: string[] = [];
      let steps = 0;
      const a = sim.defineEvent('a', () => {
        // Chain a runs several steps inline for as long as nothing else is due first.
        for (;;) {
          seen.push(`a@${sim.now}`);
          steps++;
          const next = sim.now + 7;
          if (!(inline && sim.advanceTo(next))) {
            sim.at(next, a);
            return;
          }
        }
      });
      const b = sim.defineEvent('b', () => {
        seen.push(`b@${sim.now}`);
        sim.after(50, b);
      });
      sim.at(0, a);
      sim.at(0, b);
      sim.runUntil(until);
      return { seen, events: sim.events, now: sim.now, steps };
    }

    it('gives exactly the run the queue gives, ties included', () => {
      expect(trace(true)).toEqual(trace(false));
    });

    it('never runs past the end of the current runUntil slice', () => {
      const inline = trace(true, 1000);
      expect(inline.seen.at(-1)).toBe(trace(false, 1000).seen.at(-1));
      expect(inline.now).toBe(1000);
    });

    it('refuses when another event is due first or at the same time (scheduled earlier)', () => {
      const sim = createSimulation();
      let answer: boolean[] = [];
      const other = sim.defineEvent('other', () => {});
      const probe = sim.defineEvent('probe', () => {
        answer = [sim.advanceTo(20), sim.advanceTo(9), sim.advanceTo(10)];
      });
      sim.at(0, probe);
      sim.at(10, other);
      sim.runUntil(100);
      expect(answer).toEqual([false, true, false]);
    });

    it('refuses outside runUntil and counts every inline event against the budget', () => {
      const sim = createSimulation({ eventBudget: 10 });
      expect(sim.advanceTo(5)).toBe(false);
      const spin = sim.defineEvent('spin', () => {
        while (sim.advanceTo(sim.now + 1)) {
          // each inline step is one event
        }
        sim.after(1, spin);
      });
      sim.at(0, spin);
      expect(sim.runUntil(1_000)?.code).toBe('event-budget');
      expect(sim.events).toBe(10);
    });
  });
});

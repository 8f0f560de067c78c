import { describe, expect, it } from 'vitest';
import { BusyError, WorkQueue } from '../../src/background/work-queue.ts';

/** A queue whose macrotasks run only when the test says, so the order of jobs is exact. */
function manual(max: number) {
  const tasks: (() => void)[] = [];
  const queue = new WorkQueue({ maxPendingPerSender: max, later: (fn) => tasks.push(fn) });
  const drain = async () => {
    for (;;) {
      // Let jobs' own awaits finish (they schedule the next step) before looking for the next macrotask.
      for (let i = 0; i < 5; i++) await Promise.resolve();
      const task = tasks.shift();
      if (!task) return;
      task();
    }
  };
  return { queue, drain };
}

describe('WorkQueue', () => {
  it('identical pending requests of one sender run once and share the answer; other senders run their own', async () => {
    const { queue, drain } = manual(8);
    let runs = 0;
    const job = () => ++runs;
    const a = queue.run('tab-1', 'resolve ML01', job);
    const b = queue.run('tab-1', 'resolve ML01', job);
    const c = queue.run('tab-2', 'resolve ML01', job);
    expect(b).toBe(a);
    await drain();
    expect([await a, await b, await c]).toEqual([1, 1, 2]);
    expect(runs).toBe(2);
  });

  it("refuses a sender's requests past its bound at once, and only that sender's", async () => {
    const { queue, drain } = manual(3);
    const flood = Array.from({ length: 10_000 }, (_, i) => queue.run('page', `search ${i}`, () => i));
    const normal = queue.run('tab-1', 'resolve ML01', () => 'answer');
    expect(queue.pending).toBe(4);
    expect(queue.refused).toBe(9_997);
    await drain();
    const settled = await Promise.allSettled(flood);
    expect(
      settled.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<number>).value),
    ).toEqual([0, 1, 2]);
    expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(BusyError);
    expect(await normal).toBe('answer');
    // Once its work is done, the flooding sender is served again.
    const again = queue.run('page', 'search again', () => 'ok');
    await drain();
    expect(await again).toBe('ok');
  });

  it('senders take turns: a request from another sender waits for at most one job of each other sender', async () => {
    const { queue, drain } = manual(64);
    const order: string[] = [];
    const job = (name: string) => () => order.push(name);
    for (let i = 1; i <= 4; i++) void queue.run('flood', `f${i}`, job(`f${i}`));
    void queue.run('user', 'u1', job('u1'));
    void queue.run('other', 'o1', job('o1'));
    await drain();
    expect(order).toEqual(['f1', 'u1', 'o1', 'f2', 'f3', 'f4']);
  });

  it("a failing job rejects its own request only; a request arriving during a job joins its sender's line", async () => {
    const { queue, drain } = manual(8);
    let release!: () => void;
    const slow = queue.run('a', 'slow', () => new Promise<string>((r) => (release = () => r('slow'))));
    const failing = queue.run('a', 'fail', () => {
      throw new Error('boom');
    });
    await drain();
    const late = queue.run('a', 'late', () => 'late');
    release();
    await drain();
    expect(await slow).toBe('slow');
    await expect(failing).rejects.toThrow('boom');
    expect(await late).toBe('late');
    expect(queue.pending).toBe(0);
  });
});

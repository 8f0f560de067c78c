import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScanStatus } from '../../src/content/scan-status.ts';
import { Scheduler, type Job } from '../../src/content/scheduler.ts';

describe('scan status', () => {
  it('publishes each change of state, and a new count while still busy', () => {
    const published: string[] = [];
    const status = new ScanStatus((state, ids) => published.push(`${state} ${ids}`));
    status.setBusy(true, 0);
    status.setBusy(true, 0); // nothing new
    status.setBusy(true, 12); // a job ended, more are queued: its IDs are hoverable now
    status.setBusy(false, 20);
    status.setBusy(false, 20);
    expect(published).toEqual(['busy 0', 'busy 12', 'done 20']);
  });

  it('resolves waiters when the work ends, at once when idle', async () => {
    const status = new ScanStatus(() => {});
    await status.whenDone(10_000); // idle: no wait
    status.setBusy(true, 0);
    let done = false;
    const waiting = status.whenDone(10_000).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    status.setBusy(false, 3);
    await waiting;
    expect(done).toBe(true);
  });
});

describe('scheduler', () => {
  afterEach(() => vi.useRealTimers());

  it('reports progress when work arrives and after a slice in which jobs ended, and runs urgent jobs first', () => {
    vi.useFakeTimers();
    const order: string[] = [];
    let progress = 0;
    const scheduler = new Scheduler({ onProgress: () => progress++, onError: () => {} });
    function* job(name: string, steps: number): Job {
      for (let i = 0; i < steps; i++) {
        order.push(name);
        yield;
      }
    }
    scheduler.add(job('idle', 2), 'idle');
    scheduler.add(job('urgent', 2), 'urgent');
    expect(progress).toBe(1); // work arrived on an idle scheduler
    vi.runAllTimers();
    expect(scheduler.busy).toBe(false);
    expect(order).toEqual(['urgent', 'urgent', 'idle', 'idle']);
    expect(progress).toBe(2); // both ended in one slice
  });

  it('keeps going after a job throws, and tells onError', () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    const scheduler = new Scheduler({ onProgress: () => {}, onError: (e) => errors.push(e) });
    let ran = false;
    function* bad(): Job {
      if (errors.length === 0) throw new Error('boom');
      yield;
    }
    function* good(): Job {
      ran = true;
      yield;
    }
    scheduler.add(bad(), 'urgent');
    scheduler.add(good(), 'urgent');
    vi.runAllTimers();
    expect(errors).toHaveLength(1);
    expect(ran).toBe(true);
  });
});

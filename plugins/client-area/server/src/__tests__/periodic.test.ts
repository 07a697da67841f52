import { periodic } from '../periodic';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a periodic background task', () => {
  it('runs every interval, never twice at once, and stop() waits for the run in progress', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    let finished = 0;
    const worker = periodic(async () => {
      running += 1;
      runs += 1;
      most = Math.max(most, running);
      await sleep(40);
      running -= 1;
      finished += 1;
    }, () => undefined);
    worker.start(10);
    await sleep(200);
    await worker.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(60);
    expect(runs).toBe(after);
  });

  it('reports a failed run and goes on', async () => {
    const errors: string[] = [];
    let runs = 0;
    const worker = periodic(async () => {
      runs += 1;
      throw new Error(`run ${runs} failed`);
    }, (error) => errors.push(error.message));
    worker.start(10);
    await sleep(80);
    await worker.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toBe('run 1 failed');
  });

  it('does nothing with an interval of 0', async () => {
    let runs = 0;
    const worker = periodic(async () => void (runs += 1), () => undefined);
    worker.start(0);
    await sleep(40);
    await worker.stop();
    expect(runs).toBe(0);
  });
});

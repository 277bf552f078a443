import { describe, expect, it } from 'vitest';
import { until } from '../../engine/testing/until';
import { frameBatch } from './frame-batch';

describe('frameBatch', () => {
  it('folds the requests made before the next frame into one publication', async () => {
    let published = 0;
    const batch = frameBatch(() => published++);
    for (let i = 0; i < 100; i++) batch.request();
    expect(published).toBe(0);
    await until(() => published > 0);
    expect(published).toBe(1);
    batch.request();
    await until(() => published > 1);
    expect(published).toBe(2);
  });

  it('flush publishes a pending request at once and only once; cancel drops it', async () => {
    let published = 0;
    const batch = frameBatch(() => published++);
    batch.flush();
    expect(published).toBe(0);
    batch.request();
    batch.flush();
    expect(published).toBe(1);
    batch.request();
    batch.cancel();
    batch.request();
    batch.flush();
    expect(published).toBe(2);
    // Nothing left over: the next request publishes once more, not twice.
    batch.request();
    await until(() => published > 2);
    expect(published).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { collectingEvery, PACK_BYTES_BETWEEN_COLLECTIONS } from '../../src/pipeline/pack.js';

const MiB = 1024 * 1024;

describe('the pack as it is written: a full garbage collection every so many bytes', () => {
  it('passes every chunk on in order, and starts a collection after each 8 MiB gone to the file', async () => {
    const events: string[] = [];
    const sink = collectingEvery(
      (chunk) => void events.push(`write ${chunk.length / MiB}`),
      PACK_BYTES_BETWEEN_COLLECTIONS,
      () => void events.push('collect'),
    );
    for (const size of [3, 3, 3, 1, 1, 8, 0.5]) await sink(Buffer.alloc(size * MiB));
    // 9 MiB, then 10 more (2 + 8): a collection after each, once the chunk that crossed the line is written.
    expect(events).toEqual(['write 3', 'write 3', 'write 3', 'collect', 'write 1', 'write 1', 'write 8', 'collect', 'write 0.5']);
  });

  it('waits for each write before the next byte count, and collects nothing for a pack under 8 MiB (the 10-paper sample pack)', async () => {
    let collections = 0;
    let pending = 0;
    const sink = collectingEvery(
      async () => {
        pending += 1;
        await new Promise((r) => setTimeout(r, 1));
        pending -= 1;
      },
      PACK_BYTES_BETWEEN_COLLECTIONS,
      () => {
        expect(pending).toBe(0);
        collections += 1;
      },
    );
    for (let i = 0; i < 7; i++) await sink(Buffer.alloc(MiB));
    expect(collections).toBe(0);
    await sink(Buffer.alloc(MiB));
    expect(collections).toBe(1);
  });
});

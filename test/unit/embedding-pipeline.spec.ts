import type { Queue } from 'bullmq';
import { loadConfig } from '../../src/config/app-config';
import { defaultSharedBuffers } from '../../src/database/embedded-postgres';
import { JobName } from '../../src/jobs/job.constants';
import { JobRepository } from '../../src/jobs/job.repository';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** A queue that keeps job ids as BullMQ does: adding an id that exists is a no-op. */
function fakeQueue() {
  const keys = new Map<string, number>();
  const jobs = new Map<string, { name: string; data: unknown }>();
  const client = {
    get: async (key: string) => (keys.has(key) ? String(keys.get(key)) : null),
    incr: async (key: string) => {
      keys.set(key, (keys.get(key) ?? 0) + 1);
      return keys.get(key);
    },
  };
  const queue = {
    name: 'embedding',
    client: Promise.resolve(client),
    toKey: (type: string) => `test:embedding:${type}`,
    add: jest.fn(async (name: string, data: unknown, opts: { jobId: string }) => {
      if (!jobs.has(opts.jobId)) jobs.set(opts.jobId, { name, data });
      return { id: opts.jobId };
    }),
  };
  return { queue, jobs };
}

describe('embedding jobs: writes coalesce into batched runs', () => {
  function setup() {
    const { queue, jobs } = fakeQueue();
    const repo = new JobRepository(queue as unknown as Queue, {} as Queue, {} as Queue, {} as Queue, loadConfig({}));
    return { repo, jobs };
  }

  it('enqueues one waiting run for a burst of writes, whatever they changed', async () => {
    const { repo, jobs } = setup();
    for (let i = 0; i < 100; i++) await repo.enqueueResourceEmbedding(`r${i}`, `hash${i}`);
    await repo.enqueueParticipantEmbedding('p1', 'hash');
    await repo.enqueueEmbedPending('import');
    expect([...jobs.keys()]).toEqual(['embed-pending_0']);
    expect(jobs.get('embed-pending_0')!.name).toBe(JobName.EmbedPending);
  });

  it('gives a write made after a run started the next run, not a duplicate of the running one', async () => {
    const { repo, jobs } = setup();
    await repo.enqueueResourceEmbedding('r1', 'h1');
    await repo.startEmbeddingRun(); // embed-pending_0 begins reading
    await repo.enqueueResourceEmbedding('r2', 'h2');
    await repo.enqueueResourceEmbedding('r3', 'h3');
    expect([...jobs.keys()]).toEqual(['embed-pending_0', 'embed-pending_1']);
  });
});

describe('default shared_buffers of the embedded database', () => {
  it('is twice the data, at least 128MB, at most 1GB and a quarter of the memory', () => {
    expect(defaultSharedBuffers(0, 24 * GB)).toBe('128MB');
    expect(defaultSharedBuffers(70 * MB, 24 * GB)).toBe('140MB');
    expect(defaultSharedBuffers(600 * MB, 24 * GB)).toBe('1024MB');
    expect(defaultSharedBuffers(300 * MB, 2 * GB)).toBe('512MB');
    expect(defaultSharedBuffers(10 * MB, 256 * MB)).toBe('64MB');
  });

  it('stays an explicit setting when EMBEDDED_DB_SHARED_BUFFERS is given', () => {
    expect(loadConfig({}).embeddedDbSharedBuffers).toBeUndefined();
    expect(loadConfig({ EMBEDDED_DB_SHARED_BUFFERS: '1GB' }).embeddedDbSharedBuffers).toBe('1GB');
  });
});

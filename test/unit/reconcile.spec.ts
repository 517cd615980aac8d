import { PlannerStatisticsReconciler } from '../../src/database/planner-statistics.reconciler';
import type { PlannerStatisticsRepository } from '../../src/database/planner-statistics.repository';
import { loadConfig } from '../../src/config/app-config';
import type { JobRepository } from '../../src/jobs/job.repository';
import { ReconcileRegistry } from '../../src/jobs/reconcile.registry';
import { ReconcileScheduler } from '../../src/jobs/reconcile.scheduler';

describe('ReconcileScheduler', () => {
  it('asks each registered feature in order and reports their figures', async () => {
    const registry = new ReconcileRegistry();
    const calls: string[] = [];
    registry.register({ key: 'embeddingsOutstanding', order: 30, run: async () => (calls.push('embeddings'), 2) });
    registry.register({ key: null, order: 5, run: async () => void calls.push('notifications') });
    registry.register({ key: 'checkpointsScheduled', order: 10, run: async () => (calls.push('follow-up'), 1) });
    const result = await new ReconcileScheduler(loadConfig({}), {} as JobRepository, registry).reconcile();
    expect(calls).toEqual(['notifications', 'follow-up', 'embeddings']);
    expect(result).toEqual({ checkpointsScheduled: 1, embeddingsOutstanding: 2 });
  });
});

describe('PlannerStatisticsReconciler', () => {
  function setup(statistics: { needsManualAnalyze: jest.Mock; analyzeChanged: jest.Mock }) {
    return new PlannerStatisticsReconciler(statistics as unknown as PlannerStatisticsRepository, new ReconcileRegistry());
  }

  it('leaves statistics to autovacuum where it runs', async () => {
    const statistics = { needsManualAnalyze: jest.fn().mockResolvedValue(false), analyzeChanged: jest.fn() };
    expect(await setup(statistics).refresh()).toBe(false);
    expect(statistics.analyzeChanged).not.toHaveBeenCalled();
  });

  it('checks at every reconcile and reports whether a table was analysed', async () => {
    const statistics = {
      needsManualAnalyze: jest.fn().mockResolvedValue(true),
      analyzeChanged: jest.fn().mockResolvedValueOnce(['public.resources']).mockResolvedValue([]),
    };
    const reconciler = setup(statistics);
    expect(await reconciler.refresh()).toBe(true);
    expect(await reconciler.refresh()).toBe(false);
    expect(statistics.analyzeChanged).toHaveBeenCalledTimes(2);
  });

  it('does not fail the reconcile when ANALYZE fails, and tries again at the next one', async () => {
    const statistics = {
      needsManualAnalyze: jest.fn().mockResolvedValue(true),
      analyzeChanged: jest.fn().mockRejectedValueOnce(new Error('database gone')).mockResolvedValue(['public.resources']),
    };
    const reconciler = setup(statistics);
    expect(await reconciler.refresh()).toBe(false);
    expect(await reconciler.refresh()).toBe(true);
    expect(statistics.analyzeChanged).toHaveBeenCalledTimes(2);
  });
});

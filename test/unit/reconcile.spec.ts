import { loadConfig } from '../../src/config/app-config';
import type { PlannerStatisticsRepository } from '../../src/database/planner-statistics.repository';
import type { FollowUpService } from '../../src/follow-up/follow-up.service';
import type { JobRepository } from '../../src/jobs/job.repository';
import { ReconcileService } from '../../src/jobs/reconcile.service';
import type { EmbeddingModelRepository } from '../../src/matching/embedding-model.repository';
import type { EmbeddingStateRepository } from '../../src/matching/embedding-state.repository';
import type { ReportService } from '../../src/reports/report.service';

describe('ReconcileService planner statistics', () => {
  function setup(statistics: { needsManualAnalyze: jest.Mock; analyze: jest.Mock }) {
    const followUp = { reconcile: jest.fn().mockResolvedValue(0) } as unknown as FollowUpService;
    const model = { ready: jest.fn().mockResolvedValue('m') } as unknown as EmbeddingModelRepository;
    const state = { countNeeding: jest.fn().mockResolvedValue(0) } as unknown as EmbeddingStateRepository;
    return new ReconcileService(loadConfig({}), {} as JobRepository, state, model, followUp, {} as ReportService, statistics as unknown as PlannerStatisticsRepository);
  }

  it('leaves statistics to autovacuum where it runs', async () => {
    const statistics = { needsManualAnalyze: jest.fn().mockResolvedValue(false), analyze: jest.fn() };
    expect((await setup(statistics).reconcile()).statisticsRefreshed).toBe(false);
    expect(statistics.analyze).not.toHaveBeenCalled();
  });

  it('does not fail the reconcile when ANALYZE fails, and tries again at the next one', async () => {
    const statistics = { needsManualAnalyze: jest.fn().mockResolvedValue(true), analyze: jest.fn().mockRejectedValueOnce(new Error('database gone')).mockResolvedValue(undefined) };
    const reconciler = setup(statistics);
    expect((await reconciler.reconcile()).statisticsRefreshed).toBe(false);
    expect((await reconciler.reconcile()).statisticsRefreshed).toBe(true);
    expect((await reconciler.reconcile()).statisticsRefreshed).toBe(false);
    expect(statistics.analyze).toHaveBeenCalledTimes(2);
  });
});

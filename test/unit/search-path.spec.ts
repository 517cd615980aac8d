import type { DataSource } from 'typeorm';
import type { ApiTokenRepository } from '../../src/auth/api-token.repository';
import { ApiTokenService } from '../../src/auth/api-token.service';
import type { OrganizationDirectory } from '../../src/auth/organization-directory';
import { loadConfig } from '../../src/config/app-config';
import { RESOURCE_TYPE_LABELS } from '../../src/common/catalogue.constants';
import {
  ESTIMATE_TTL_MS,
  estimateTableRows,
  MatchRepository,
  PREPARED_PREFIX,
  toCandidate,
  vectorIndexMargin,
} from '../../src/matching/match.repository';
import type { Resource } from '../../src/resources/resource.columns';
import { toResourceSummary, toResourceView } from '../../src/resources/resource.view';
import type { IndexAnswer, ResourceVectorIndex } from '../../src/matching/resource-vector-index';
import { QueryEmbeddingCache } from '../../src/matching/query-embedding.cache';

const vector = (x: number) => Float32Array.from({ length: 4 }, () => x);

describe('query embedding cache', () => {
  it('returns the vector stored for the same model and text, and nothing for another model or text', () => {
    const cache = new QueryEmbeddingCache(10);
    cache.set('静かな作業', { model: 'm1', vector: vector(0.5), chunks: 1 });
    expect(cache.get('m1', '静かな作業')).toEqual({ model: 'm1', vector: vector(0.5), chunks: 1 });
    expect(cache.get('m2', '静かな作業')).toBeUndefined();
    expect(cache.get('m1', '静かな作業。')).toBeUndefined();
  });

  it('is bounded and drops the least recently used text first', () => {
    const cache = new QueryEmbeddingCache(3);
    for (const t of ['a', 'b', 'c']) cache.set(t, { model: 'm', vector: vector(1), chunks: 1 });
    expect(cache.get('m', 'a')).toBeDefined(); // a is now the most recent
    cache.set('d', { model: 'm', vector: vector(2), chunks: 1 });
    expect(cache.size).toBe(3);
    expect(cache.get('m', 'b')).toBeUndefined();
    expect(['a', 'c', 'd'].every((t) => cache.get('m', t))).toBe(true);
  });

  it('keys by a hash: the needs text is not kept in the process', () => {
    expect(QueryEmbeddingCache.key('m', '秘密の相談')).not.toContain('秘密');
  });
});

/** The text of a statement as the repository hands it to TypeORM: a string, or pg's { name, text } (prepared). */
type Sent = string | { name: string; text: string };
const textOf = (query: Sent) => (typeof query === 'string' ? query : query.text);

/** A DataSource that answers the catalogue and EXPLAIN estimates and records every statement. */
function fakeDataSource(tableRows: { tuples: number; pages: number; current: number }, planRows: number) {
  const statements: string[] = [];
  /** The statements sent named ({ name, text }): prepared by pg. */
  const named: string[] = [];
  const answer = (query: Sent) => {
    const sql = textOf(query);
    statements.push(sql.trim());
    if (typeof query === 'object') named.push(sql.trim());
    if (sql.includes('table rows estimate')) return [tableRows];
    if (/^\s*EXPLAIN/.test(sql)) return [{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': planRows } }] }];
    return [];
  };
  const ds = {
    query: jest.fn(async (sql: Sent) => answer(sql)),
    transaction: jest.fn(async (fn: (m: { query: (sql: Sent) => Promise<unknown> }) => Promise<unknown>) =>
      fn({ query: async (sql: Sent) => answer(sql) }),
    ),
  };
  return { ds, statements, named };
}

describe('exact or HNSW without a per-search EXPLAIN', () => {
  const config = loadConfig({ SEARCH_EXACT_MAX_ROWS: '10000' });
  const search = (repo: MatchRepository, filters = {}) =>
    repo.findCandidates('m', vector(0.1), ['畑'], { includeFull: false, ...filters }, 100);

  afterEach(() => jest.useRealTimers());

  it('searches a catalogue within SEARCH_EXACT_MAX_ROWS exactly, in one statement, asking the catalogue once per interval', async () => {
    const { ds, statements } = fakeDataSource({ tuples: 9_000, pages: 4_500, current: 4_500 }, 0);
    const repo = new MatchRepository(ds as unknown as DataSource, config);
    await search(repo);
    await search(repo, { types: ['volunteer'] });
    const candidates = statements.filter((s) => s.startsWith('WITH q AS'));
    expect(candidates).toHaveLength(2);
    expect(candidates.every((s) => s.includes('ORDER BY 1 - (r.embedding <=> $1::vector) DESC'))).toBe(true);
    expect(statements.filter((s) => s.includes('table rows estimate'))).toHaveLength(1);
    expect(statements.some((s) => s.startsWith('EXPLAIN') || s.startsWith('SET'))).toBe(false);
    expect(ds.transaction).not.toHaveBeenCalled();
  });

  it('counts a table that grew since its last ANALYZE as grown, and asks the planner about the filters then', async () => {
    // analysed at 9,000 rows in 4,500 pages; now 6,000 pages ≈ 12,000 rows
    const { ds, statements } = fakeDataSource({ tuples: 9_000, pages: 4_500, current: 6_000 }, 800);
    const repo = new MatchRepository(ds as unknown as DataSource, config);
    await search(repo, { types: ['volunteer'] });
    expect(statements.filter((s) => s.startsWith('EXPLAIN'))).toHaveLength(1);
    expect(statements.find((s) => s.startsWith('WITH q AS'))).toContain('DESC, r.id LIMIT $2');
  });

  it('takes the HNSW path when the planner expects more rows than SEARCH_EXACT_MAX_ROWS, and reuses that estimate', async () => {
    const { ds, statements } = fakeDataSource({ tuples: 100_000, pages: 50_000, current: 50_000 }, 75_000);
    const repo = new MatchRepository(ds as unknown as DataSource, config);
    await search(repo);
    await search(repo);
    expect(statements.filter((s) => s.startsWith('EXPLAIN'))).toHaveLength(1);
    expect(statements.filter((s) => s.startsWith('SET LOCAL hnsw.ef_search'))).toHaveLength(2);
    const candidate = statements.find((s) => s.startsWith('WITH q AS'))!;
    expect(candidate).toContain('ORDER BY r.embedding <=> $1::vector LIMIT $2');
    expect(ds.transaction).toHaveBeenCalledTimes(2);
  });

  it('asks again once the estimates are older than ESTIMATE_TTL_MS', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const { ds, statements } = fakeDataSource({ tuples: 100_000, pages: 50_000, current: 50_000 }, 3_000);
    const repo = new MatchRepository(ds as unknown as DataSource, config);
    await search(repo, { areas: ['東部'] });
    jest.setSystemTime(1_000_000 + ESTIMATE_TTL_MS + 1);
    await search(repo, { areas: ['東部'] });
    expect(statements.filter((s) => s.startsWith('EXPLAIN'))).toHaveLength(2);
    expect(statements.filter((s) => s.includes('table rows estimate'))).toHaveLength(2);
    expect(statements.filter((s) => s.startsWith('SET'))).toHaveLength(0);
  });

  it('falls back to the planner for a table never analysed', async () => {
    const { ds } = fakeDataSource({ tuples: -1, pages: 0, current: 10 }, 5);
    expect(await estimateTableRows(ds as unknown as DataSource)).toBeNull();
    const { ds: empty } = fakeDataSource({ tuples: 0, pages: 0, current: 0 }, 0);
    expect(await estimateTableRows(empty as unknown as DataSource)).toBe(0);
  });
});

describe('token use is recorded to the minute without a write per request', () => {
  function setup(lastUsedAt: Date | null) {
    const token = {
      id: 't1',
      role: 'coordinator',
      organizationId: null,
      areas: null,
      userId: null,
      name: 'x',
      revokedAt: null,
      expiresAt: null,
      lastUsedAt,
    };
    const repo = { findByHash: jest.fn(async () => token), owner: jest.fn(), touch: jest.fn(async () => undefined) };
    const service = new ApiTokenService(loadConfig({}), repo as unknown as ApiTokenRepository, {} as OrganizationDirectory);
    return { service, repo };
  }

  it('skips the UPDATE for a token used within the last minute, and sends it otherwise', async () => {
    const recent = setup(new Date(Date.now() - 10_000));
    expect(await recent.service.authenticate('sk_x', 'POST /api/v1/matches/search')).toMatchObject({ tokenId: 't1', role: 'coordinator' });
    expect(recent.repo.touch).not.toHaveBeenCalled();
    for (const lastUsedAt of [null, new Date(Date.now() - 61_000)]) {
      const stale = setup(lastUsedAt);
      await stale.service.authenticate('sk_x', 'POST /api/v1/matches/search');
      expect(stale.repo.touch).toHaveBeenCalledWith('t1');
    }
  });
});

describe('exact list from the in-process vector index', () => {
  const config = loadConfig({ SEARCH_EXACT_MAX_ROWS: '10000' });
  const answer = (ids: string[], fingerprint = '0:0', asked = 1): IndexAnswer => ({
    nearest: ids.map((id, i) => ({ id, similarity: 1 - i / 10 })),
    since: '100',
    fingerprint,
    asked,
  });
  /** Answers the catalogue estimate, then each candidate statement with `byIds(n)` (n = 1, 2, …) or the SQL path's rows. */
  function setup(byIds: (n: number, sql: string) => Array<Record<string, unknown>>) {
    const statements: string[] = [];
    let n = 0;
    const ds = {
      query: jest.fn(async (query: Sent) => {
        const sql = textOf(query);
        statements.push(sql.trim());
        if (sql.includes('table rows estimate')) return [{ tuples: 9_000, pages: 4_500, current: 4_500 }];
        if (sql.includes('SELECT f.fingerprint')) return byIds(++n, sql);
        return [];
      }),
    };
    return { ds, statements };
  }
  const row = (id: string, fingerprint: string) => ({ indexFingerprint: fingerprint, id, vectorSimilarity: 0.5, lexicalRank: 0 });
  const search = (repo: MatchRepository) => repo.findCandidates('m', vector(0.1), ['畑'], { includeFull: false }, 100);

  it('sends the index ids with the fingerprint in one statement, and no SQL vector list, when nothing changed', async () => {
    const index = { nearest: jest.fn(() => answer(['a', 'b'])), refresh: jest.fn() };
    const { ds, statements } = setup(() => [row('a', '0:0'), row('b', '0:0')]);
    const repo = new MatchRepository(ds as unknown as DataSource, config, index as unknown as ResourceVectorIndex);
    expect((await search(repo)).map((c) => c.id)).toEqual(['a', 'b']);
    expect(index.nearest).toHaveBeenCalledWith('m', vector(0.1), { includeFull: false }, 100 + vectorIndexMargin(100));
    const candidates = statements.filter((s) => s.includes('WITH q AS'));
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toContain('r.id = ANY($');
    expect(index.refresh).not.toHaveBeenCalled();
  });

  it('reads the changes and runs again when the fingerprint differs and the nearest ids moved', async () => {
    const index = {
      nearest: jest
        .fn()
        .mockReturnValueOnce(answer(['a']))
        .mockReturnValueOnce(answer(['c', 'a'], '1:200', 2)),
      refresh: jest.fn(async () => true),
    };
    const { ds } = setup((n) => (n === 1 ? [row('a', '1:200')] : [row('c', '1:200'), row('a', '1:200')]));
    const repo = new MatchRepository(ds as unknown as DataSource, config, index as unknown as ResourceVectorIndex);
    expect((await search(repo)).map((c) => c.id)).toEqual(['c', 'a']);
    expect(index.refresh).toHaveBeenCalledTimes(1);
  });

  it('is not asked for a catalogue above SEARCH_EXACT_MAX_ROWS (the HNSW path answers)', async () => {
    const index = { nearest: jest.fn(() => answer(['a'])), refresh: jest.fn() };
    const { ds } = fakeDataSource({ tuples: 100_000, pages: 50_000, current: 50_000 }, 75_000);
    const repo = new MatchRepository(ds as unknown as DataSource, config, index as unknown as ResourceVectorIndex);
    await search(repo);
    expect(index.nearest).not.toHaveBeenCalled();
  });

  it('falls back to the SQL exact list when the index cannot answer or its statement fails', async () => {
    for (const index of [
      { nearest: jest.fn(() => null), refresh: jest.fn() },
      {
        nearest: jest.fn(() => answer(['a'])),
        refresh: jest.fn(),
      },
    ]) {
      const { ds, statements } = setup(() => {
        throw new Error('boom');
      });
      const repo = new MatchRepository(ds as unknown as DataSource, config, index as unknown as ResourceVectorIndex);
      await expect(search(repo)).resolves.toEqual([]);
      const sqlPath = statements.filter((s) => s.startsWith('WITH q AS'));
      expect(sqlPath).toHaveLength(1);
      expect(sqlPath[0]).toContain('ORDER BY 1 - (r.embedding <=> $1::vector) DESC');
      expect(sqlPath[0]).not.toContain('r.id = ANY(');
    }
  });
});

describe('prepared candidate statement', () => {
  const config = loadConfig({ SEARCH_EXACT_MAX_ROWS: '10000' });
  /** Records what reaches TypeORM; `refuse` makes the database refuse the named statements with that code. */
  function setup(refuse?: string) {
    const sent: Sent[] = [];
    const ds = {
      query: jest.fn(async (query: Sent) => {
        sent.push(query);
        const sql = textOf(query);
        if (sql.includes('table rows estimate')) return [{ tuples: 9_000, pages: 4_500, current: 4_500 }];
        if (refuse && typeof query === 'object') throw Object.assign(new Error('refused'), { code: refuse });
        if (sql.includes('SELECT f.fingerprint')) return [{ indexFingerprint: '0:0', id: null }];
        return [];
      }),
    };
    // The in-process index answers: only its statement (over its ids) is prepared.
    const index = {
      nearest: jest.fn(() => ({ nearest: [{ id: 'a', similarity: 0.9 }], since: '100', fingerprint: '0:0', asked: 1 })),
      refresh: jest.fn(async () => false),
    } as unknown as ResourceVectorIndex;
    const candidates = () => sent.filter((q) => textOf(q).includes('WITH q AS'));
    return { ds, sent, candidates, index };
  }
  const search = (repo: MatchRepository, filters = {}) =>
    repo.findCandidates('m', vector(0.1), ['畑'], { includeFull: false, ...filters }, 100);
  it('names an unfiltered search by its text: the same name for the same text, another for another text', async () => {
    const { ds, candidates, index } = setup();
    const repo = new MatchRepository(ds as unknown as DataSource, config, index);
    await search(repo);
    await search(repo);
    await search(repo, { includeFull: true });
    const [a, b, c] = candidates() as Array<{ name: string; text: string }>;
    expect(a.name.startsWith(PREPARED_PREFIX)).toBe(true);
    expect(a.name.length).toBeLessThanOrEqual(63); // PostgreSQL's identifier limit
    expect(b).toEqual(a);
    expect(c.name).not.toBe(a.name);
  });

  it('sends filtered searches unnamed', async () => {
    const { ds, candidates, index } = setup();
    const repo = new MatchRepository(ds as unknown as DataSource, config, index);
    await search(repo, { areas: ['北区'] });
    expect(candidates()).toHaveLength(1);
    expect(typeof candidates()[0]).toBe('string');
  });

  it.each(['26000', '42P05', '0A000'])('answers unnamed when the database refuses the name (%s), and renames the next', async (code) => {
    const { ds, candidates, index } = setup(code);
    const repo = new MatchRepository(ds as unknown as DataSource, config, index);
    await expect(search(repo)).resolves.toEqual([]);
    await search(repo);
    const [named1, unnamed1, named2] = candidates();
    expect(typeof unnamed1).toBe('string');
    expect(unnamed1).toBe((named1 as { text: string }).text);
    expect((named2 as { name: string }).name).not.toBe((named1 as { name: string }).name);
  });

  it('on any other database error the index path gives up and the SQL exact list answers, unnamed', async () => {
    const { ds, candidates, index } = setup('42P01');
    const repo = new MatchRepository(ds as unknown as DataSource, config, index);
    await expect(search(repo)).resolves.toEqual([]);
    const [named, sql] = candidates();
    expect(typeof named).toBe('object');
    expect(typeof sql).toBe('string');
    expect(sql).not.toContain('r.id = ANY($');
  });

  it('sends the SQL lists unnamed: the exact list without the index, and the HNSW list (its generic plan was 2× slower)', async () => {
    const small = fakeDataSource({ tuples: 9_000, pages: 4_500, current: 4_500 }, 0);
    await search(new MatchRepository(small.ds as unknown as DataSource, config));
    const large = fakeDataSource({ tuples: 100_000, pages: 50_000, current: 50_000 }, 75_000);
    await search(new MatchRepository(large.ds as unknown as DataSource, config));
    for (const { statements, named } of [small, large]) {
      expect(statements.filter((q) => q.startsWith('WITH q AS'))).toHaveLength(1);
      expect(named).toEqual([]);
    }
    expect(large.statements.some((q) => q.startsWith('SET LOCAL hnsw.ef_search'))).toBe(true);
  });
});

describe('search result summary from the candidate columns only', () => {
  it('equals the resource view picked to the summary fields, from the candidate properties alone', () => {
    const full: Resource = {
      id: 'r1',
      organizationId: 'o1',
      organizationName: '北区社協',
      type: 'volunteer',
      title: '畑の手伝い',
      description: '長い説明',
      tasks: ['収穫'],
      area: '北区',
      address: '北区1-1',
      latitude: 35,
      longitude: 139,
      nearestStation: '北駅',
      accessMinutes: 10,
      schedule: [{ day: 'tue', start: '13:00', end: '15:00' }],
      scheduleDays: ['tue'],
      frequencyNote: '月2回',
      capacity: 5,
      vacancies: 2,
      accommodations: ['quiet'],
      demandTalking: 'low',
      demandPhysical: 'medium',
      demandLiteracy: 'low',
      reward: 'unpaid',
      acceptsOutsideEligibility: false,
      status: 'open',
      contentHash: 'h',
      embeddingModel: 'm',
      embeddingStatus: 'ready',
      embeddingError: null,
      embeddedAt: new Date(),
      createdAt: new Date(),
      updatedAt: new Date(),
    } as Resource;
    const view = { ...toResourceView(full), typeLabel: RESOURCE_TYPE_LABELS[full.type] } as Record<string, unknown>;
    const fields = Object.keys(toResourceSummary(full));
    const picked = Object.fromEntries(fields.map((f) => [f, view[f]]));
    const fromCandidate = toCandidate({ ...full, vectorSimilarity: 0.5, lexicalRank: 1, matchedTerms: [] });
    expect(Object.keys(fromCandidate)).not.toContain('description');
    expect(toResourceSummary(fromCandidate)).toEqual(picked);
    expect(fields).toEqual([
      'id',
      'title',
      'type',
      'typeLabel',
      'area',
      'organization',
      'schedule',
      'frequencyNote',
      'nearestStation',
      'accessMinutes',
      'capacity',
      'vacancies',
      'accommodations',
      'demands',
      'reward',
    ]);
  });
});

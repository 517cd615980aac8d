import { loadConfig } from '../../src/config/app-config';
import type { HardFilters } from '../../src/matching/match.repository';
import { INDEX_RETRY_MS, ResourceVectorIndex } from '../../src/matching/resource-vector-index';
import { normalised, VectorIndex } from '../../src/matching/vector-index';
import { fromVectorSend, type IndexRow, type VectorIndexRepository } from '../../src/matching/vector-index.repository';
import { cosine } from '../support/vectors';

/** A deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const TYPES = ['ibasho', 'work_experience', 'volunteer'];
const AREAS = ['東部', '西部', '南部', '北部'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const ACCOMMODATIONS = ['quiet', 'seated', 'visit_ok', 'short_hours'];

function randomRow(random: () => number, i: number, dim: number): IndexRow {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const some = <T>(list: T[], p: number) => list.filter(() => random() < p);
  return {
    id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    searchable: true,
    type: pick(TYPES),
    area: pick(AREAS),
    scheduleDays: some(DAYS, 0.35),
    accessMinutes: random() < 0.15 ? null : Math.floor(random() * 60),
    accommodations: some(ACCOMMODATIONS, 0.4),
    vacancies: random() < 0.2 ? 0 : 1 + Math.floor(random() * 5),
    // not normalised on purpose: the index must normalise on load
    vector: Float32Array.from({ length: dim }, () => (random() - 0.5) * (1 + random() * 3)),
  };
}

/** hardFilterSql, row by row, and cosine similarity in double precision: the reference the scan must agree with. */
function passes(row: IndexRow, f: HardFilters): boolean {
  if (!f.includeFull && !(row.vacancies > 0)) return false;
  if (f.types?.length && !f.types.includes(row.type)) return false;
  if (f.areas?.length && !f.areas.includes(row.area)) return false;
  if (f.days?.length && !row.scheduleDays.some((d) => f.days!.includes(d))) return false;
  if (f.maxTravelMinutes !== undefined && (row.accessMinutes === null || !(row.accessMinutes <= f.maxTravelMinutes))) return false;
  if (f.accommodations?.length && !f.accommodations.every((a) => row.accommodations.includes(a))) return false;
  return true;
}
function bruteForce(rows: Map<string, IndexRow>, query: Float32Array, f: HardFilters, n: number) {
  return [...rows.values()]
    .filter((r) => r.searchable && passes(r, f))
    .map((r) => ({ id: r.id, similarity: cosine(query, r.vector!) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, n);
}

const FILTERS: HardFilters[] = [
  { includeFull: false },
  { includeFull: true },
  { includeFull: false, types: ['volunteer', 'ibasho'] },
  { includeFull: false, areas: ['東部'], days: ['mon', 'sat'] },
  { includeFull: false, maxTravelMinutes: 20 },
  { includeFull: true, maxTravelMinutes: 0 },
  { includeFull: false, accommodations: ['quiet', 'seated'] },
  { includeFull: false, types: ['work_experience'], areas: ['西部', '南部'], days: ['wed'], accommodations: ['visit_ok'] },
  { includeFull: false, types: [], areas: [], days: [], accommodations: [] },
];

describe('VectorIndex: exact scan under the hard filters', () => {
  const dim = 16;

  it('returns the same ids, order and similarities as a brute-force reference, for every filter', () => {
    const random = rng(42);
    const rows = new Map<string, IndexRow>();
    const index = new VectorIndex(dim, 8); // small capacity: growth is exercised
    for (let i = 0; i < 600; i++) {
      const row = randomRow(random, i, dim);
      rows.set(row.id, row);
      index.apply(row);
    }
    expect(index.size).toBe(600);
    for (const filters of FILTERS) {
      for (let q = 0; q < 5; q++) {
        const query = Float32Array.from({ length: dim }, () => random() - 0.5);
        for (const n of [1, 10, 1_000]) {
          const got = index.nearest(query, filters, n);
          const want = bruteForce(rows, query, filters, n);
          expect(got.map((g) => g.id)).toEqual(want.map((w) => w.id));
          got.forEach((g, i) => expect(g.similarity).toBeCloseTo(want[i].similarity, 5));
        }
      }
    }
  });

  it('follows updates and removals (swapping the last row into the freed slot), and drops rows no longer searchable', () => {
    const random = rng(7);
    const rows = new Map<string, IndexRow>();
    const index = new VectorIndex(dim, 4);
    for (let i = 0; i < 200; i++) {
      const row = randomRow(random, i, dim);
      rows.set(row.id, row);
      index.apply(row);
    }
    for (let step = 0; step < 400; step++) {
      const id = [...rows.keys()][Math.floor(random() * rows.size)];
      const action = random();
      if (action < 0.3) {
        index.remove(id);
        rows.delete(id);
      } else if (action < 0.5) {
        const row = { ...rows.get(id)!, searchable: false, vector: null }; // paused, or embedded by another model
        index.apply(row);
        rows.delete(id);
      } else {
        const row = randomRow(random, 1_000 + step, dim);
        const changed = { ...row, id: action < 0.75 ? id : row.id };
        index.apply(changed);
        rows.set(changed.id, changed);
      }
    }
    expect(index.size).toBe(rows.size);
    for (const filters of FILTERS) {
      const query = Float32Array.from({ length: dim }, () => random() - 0.5);
      const got = index.nearest(query, filters, 50).map((g) => g.id);
      expect(got).toEqual(bruteForce(rows, query, filters, 50).map((w) => w.id));
    }
  });

  it('excludes a NULL travel time from any travel limit, as SQL does', () => {
    const index = new VectorIndex(2);
    index.apply({ ...randomRow(rng(1), 1, 2), vacancies: 1, accessMinutes: null, vector: Float32Array.of(1, 0) });
    index.apply({ ...randomRow(rng(2), 2, 2), vacancies: 1, accessMinutes: 10, vector: Float32Array.of(0, 1) });
    const ids = (f: Partial<HardFilters>) =>
      index.nearest(Float32Array.of(1, 1), { includeFull: true, ...f }, 10).map((r) => r.id.slice(-1));
    expect(ids({}).sort()).toEqual(['1', '2']);
    expect(ids({ maxTravelMinutes: 60 })).toEqual(['2']);
    expect(ids({ maxTravelMinutes: 9 })).toEqual([]);
  });

  it('refuses a vector of another dimension instead of comparing it', () => {
    const index = new VectorIndex(3);
    index.apply({ ...randomRow(rng(3), 1, 4) });
    expect(index.size).toBe(0);
    expect(() => index.nearest(new Float32Array(4), { includeFull: true }, 1)).toThrow(/dimensions/);
  });

  it('normalises to unit length and keeps a zero vector zero', () => {
    const v = normalised([3, 4]);
    expect(Array.from(v)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(normalised([0, 0]))).toEqual([0, 0]);
  });

  it('reads pgvector binary vectors (vector_send)', () => {
    const buf = Buffer.alloc(4 + 3 * 4);
    buf.writeUInt16BE(3, 0);
    [0.5, -1.25, 3].forEach((x, i) => buf.writeFloatBE(x, 4 + 4 * i));
    expect(Array.from(fromVectorSend(buf))).toEqual([0.5, -1.25, 3]);
  });
});

/** A repository answering from an in-memory table whose rows carry the "transaction" that last changed them. */
function fakeRepository() {
  let xid = 10n;
  const table = new Map<string, IndexRow & { changed: bigint }>();
  const calls: string[] = [];
  let failNext = false;
  const fingerprint = (since: bigint) => {
    const changed = [...table.values()].filter((r) => r.changed >= since);
    return `${changed.length}:${changed.reduce((sum, r) => sum + r.changed, 0n)}`;
  };
  const repo = {
    write(row: IndexRow) {
      table.set(row.id, { ...row, changed: ++xid });
    },
    failNext() {
      failNext = true;
    },
    /** What the candidate statement computes, in the database's current state. */
    fingerprint: (since: string) => fingerprint(BigInt(since)),
    calls,
    async snapshot() {
      calls.push('snapshot');
      if (failNext) {
        failNext = false;
        throw new Error('connection lost');
      }
      return { xmin: String(xid + 1n), fingerprint: fingerprint(xid + 1n) };
    },
    async searchable(_model: string, afterId: string | null, limit = 1_000) {
      calls.push('searchable');
      return [...table.values()]
        .filter((r) => r.searchable && (afterId === null || r.id > afterId))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit);
    },
    async changed(_model: string, since: string) {
      calls.push('changed');
      return [...table.values()].filter((r) => r.changed >= BigInt(since)).map((r) => ({ ...r, changed: String(r.changed) }));
    },
  };
  return repo;
}

describe('ResourceVectorIndex: loading, change checks, fallbacks', () => {
  const config = loadConfig({ SEARCH_EXACT_MAX_ROWS: '100' });
  const row = (i: number, patch: Partial<IndexRow> = {}): IndexRow => ({ ...randomRow(rng(i), i, 4), vacancies: 1, ...patch });
  const q = Float32Array.of(1, 0, 0, 0);
  const all = { includeFull: true };

  afterEach(() => jest.useRealTimers());

  it('answers null while the first load runs (the SQL path answers), then from memory', async () => {
    const repo = fakeRepository();
    for (let i = 0; i < 5; i++) repo.write(row(i));
    const index = new ResourceVectorIndex(repo as unknown as VectorIndexRepository, config);
    expect(index.nearest('m', q, all, 10)).toBeNull();
    expect(index.status().state).toBe('loading');
    await index.ready('m');
    expect(
      index
        .nearest('m', q, all, 10)!
        .nearest.map((r) => r.id)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4].map((i) => row(i).id).sort());
    expect(index.status()).toMatchObject({ state: 'ready', model: 'm', rows: 5 });
  });

  it('gives the fingerprint a search compares, and after a refresh sees new, paused and re-embedded rows', async () => {
    const repo = fakeRepository();
    repo.write(row(1));
    repo.write(row(2));
    const index = new ResourceVectorIndex(repo as unknown as VectorIndexRepository, config);
    await index.ready('m');
    const quiet = index.nearest('m', q, all, 10)!;
    expect(repo.fingerprint(quiet.since)).toBe(quiet.fingerprint); // nothing written: the search's check agrees
    repo.write(row(3, { vector: Float32Array.of(1, 0, 0, 0) })); // new, the nearest
    repo.write(row(1, { searchable: false, vector: null })); // paused
    const stale = index.nearest('m', q, all, 10)!;
    expect(stale.nearest.map((r) => r.id).sort()).toEqual([row(1).id, row(2).id].sort());
    expect(repo.fingerprint(stale.since)).not.toBe(stale.fingerprint); // the search notices
    repo.calls.length = 0;
    expect(await index.refresh('m', stale)).toBe(true);
    expect(repo.calls).toEqual(['snapshot', 'changed']);
    const fresh = index.nearest('m', q, all, 10)!;
    expect(fresh.nearest.map((r) => r.id)).toEqual([row(3).id, row(2).id]);
    expect(repo.fingerprint(fresh.since)).toBe(fresh.fingerprint);
    // re-embedded far away: 3 is no longer the nearest
    repo.write(row(3, { vector: Float32Array.of(-1, 0, 0, 0) }));
    const again = index.nearest('m', q, all, 10)!;
    expect(repo.fingerprint(again.since)).not.toBe(again.fingerprint);
    await index.refresh('m', again);
    expect(index.nearest('m', q, all, 10)!.nearest.map((r) => r.id)).toEqual([row(2).id, row(3).id]);
  });

  it('shares one change read among searches noticing the same write', async () => {
    const repo = fakeRepository();
    repo.write(row(1));
    const index = new ResourceVectorIndex(repo as unknown as VectorIndexRepository, config);
    await index.ready('m');
    const seen = index.nearest('m', q, all, 1)!;
    repo.write(row(2));
    repo.calls.length = 0;
    await Promise.all([1, 2, 3, 4].map(() => index.refresh('m', seen)));
    expect(repo.calls).toEqual(['snapshot', 'changed']);
    expect(index.status().rows).toBe(2);
    // an answer given while a read was running waits for a read begun after it
    const first = index.nearest('m', q, all, 1)!;
    repo.write(row(3));
    const running = index.refresh('m', first);
    const later = index.nearest('m', q, all, 1)!;
    repo.write(row(4));
    await Promise.all([running, index.refresh('m', later)]);
    expect(repo.calls.filter((c) => c === 'snapshot')).toHaveLength(3);
    expect(index.status().rows).toBe(4);
  });

  it('on an error answers null, logs, and tries again only after INDEX_RETRY_MS', async () => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ['nextTick', 'setImmediate'] });
    const repo = fakeRepository();
    repo.write(row(1));
    const index = new ResourceVectorIndex(repo as unknown as VectorIndexRepository, config);
    await index.ready('m');
    const seen = index.nearest('m', q, all, 1)!;
    repo.write(row(2));
    repo.failNext();
    expect(await index.refresh('m', seen)).toBe(false);
    expect(index.status().state).toBe('failed');
    repo.calls.length = 0;
    expect(index.nearest('m', q, all, 1)).toBeNull();
    expect(repo.calls).toEqual([]); // no retry yet
    jest.setSystemTime(1_000_000 + INDEX_RETRY_MS);
    expect(index.nearest('m', q, all, 1)).toBeNull(); // starts the reload
    await index.ready('m');
    expect(index.nearest('m', q, all, 1)).not.toBeNull();
    expect(index.status()).toMatchObject({ state: 'ready', rows: 2 });
  });

  it('leaves an empty catalogue to SQL and loads once something is searchable', async () => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ['nextTick', 'setImmediate'] });
    const repo = fakeRepository();
    const index = new ResourceVectorIndex(repo as unknown as VectorIndexRepository, config);
    expect(await index.ready('m')).toBe(false);
    expect(index.status().state).toBe('off');
    repo.write(row(1));
    expect(index.nearest('m', q, all, 1)).toBeNull(); // not before INDEX_RETRY_MS
    jest.setSystemTime(1_000_000 + INDEX_RETRY_MS);
    expect(await index.ready('m')).toBe(true);
    expect(index.nearest('m', q, all, 1)!.nearest.map((r) => r.id)).toEqual([row(1).id]);
  });

  it('gives up above SEARCH_EXACT_MAX_ROWS (too_large) and when asked for another model loads that one', async () => {
    const small = loadConfig({ SEARCH_EXACT_MAX_ROWS: '2' });
    const repo = fakeRepository();
    for (let i = 0; i < 3; i++) repo.write(row(i));
    const index = new ResourceVectorIndex(repo as unknown as VectorIndexRepository, small);
    expect(await index.ready('m')).toBe(false);
    expect(index.status().state).toBe('too_large');
    expect(index.nearest('m', q, all, 1)).toBeNull();

    const other = new ResourceVectorIndex(repo as unknown as VectorIndexRepository, config);
    await other.ready('m');
    expect(other.nearest('m2', q, all, 1)).toBeNull(); // another model's vectors are never compared
    expect(other.status().state).toBe('ready');
  });
});

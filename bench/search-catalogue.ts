/**
 * The synthetic catalogue of the search benches (bench:search, bench:load): organisations and resources with
 * search_tokens from JapaneseTokenizer and embeddings from the real local model, inserted in multi-row INSERTs.
 */
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import type { EmbeddingModelRepository } from '../src/matching/embedding-model.repository';
import type { JapaneseTokenizer } from '../src/common/japanese/tokenizer';
import { TEXT_RULES_VERSION } from '../src/common/japanese/normalize';
import { postingsOf, type Postings } from '../src/matching/bm25';
import { contentHash, resourceLexicalBody, resourcePassage, resourceSearchText } from '../src/resources/resource-text';
import { AREA_NAMES, ORG_KINDS, rng, syntheticResource } from './synthetic-catalogue';
import { fmtInt, logger } from './bench-support';

const log = logger('catalogue');

/** pgvector text form, as the service writes it (toVectorLiteral in the repositories). */
function toVectorLiteral(vector: ArrayLike<number>): string {
  return `[${Array.from(vector, (v) => (Number.isFinite(v) ? v : 0)).join(',')}]`;
}

export async function loadCatalogue(pg: Client, size: number, model: EmbeddingModelRepository, tokenizer: JapaneseTokenizer) {
  const r = rng(size * 7 + 1);
  const orgCount = 12;
  const orgIds: string[] = [];
  for (let i = 0; i < orgCount; i++) {
    const { rows } = await pg.query(
      `INSERT INTO organizations (name, kind, area, contact, development_status) VALUES ($1, $2, $3, $4, 'accepting') RETURNING id`,
      [
        `ベンチ受入先${i + 1}（${AREA_NAMES[i % AREA_NAMES.length]}）`,
        ORG_KINDS[i % ORG_KINDS.length],
        AREA_NAMES[i % AREA_NAMES.length],
        JSON.stringify({ person: `担当${i + 1}` }),
      ],
    );
    orgIds.push(rows[0].id);
  }
  const CHUNK = 1024;
  const ROWS_PER_INSERT = 200;
  const passages = new Set<string>();
  let embedMs = 0;
  let open = 0;
  let inserting: Promise<void> = Promise.resolve();
  const started = performance.now();
  let lastLog = started;
  for (let done = 0; done < size; done += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, size - done) }, () => syntheticResource(r, orgCount));
    const texts = rows.map((row) => resourcePassage(row));
    texts.forEach((t) => passages.add(t));
    open += rows.filter((row) => row.status === 'open').length;
    // The model process embeds this chunk (batches of EMBEDDING_BATCH_SIZE, one request at a
    // time, as the service does) while this process tokenizes it, yielding so that replies flow.
    const t0 = performance.now();
    const embedding = model.embed(texts, 'passage').then((result) => {
      embedMs += performance.now() - t0;
      return result;
    });
    const tokens: Array<{ title: string[]; body: string[]; postings: Postings }> = [];
    for (const row of rows) {
      const title = tokenizer.lexicalTerms(row.title);
      const body = tokenizer.lexicalTerms(resourceLexicalBody(row));
      tokens.push({ title: title.words, body: body.words, postings: postingsOf(title, body) });
      if (tokens.length % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const { model: modelName, vectors } = await embedding;
    await inserting; // one insert in flight while the next chunk is embedded
    inserting = (async () => {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const params: unknown[] = [];
        const add = (v: unknown) => `$${params.push(v)}`;
        const values = rows.slice(i, i + ROWS_PER_INSERT).map((row, j) => {
          const idx = i + j;
          return `(${[
            add(orgIds[row.organizationIndex]),
            add(row.type),
            add(row.title),
            add(row.description),
            `${add(row.tasks)}::text[]`,
            add(row.area),
            add(row.address),
            add(row.nearestStation),
            add(row.accessMinutes),
            `${add(JSON.stringify(row.schedule))}::jsonb`,
            `${add(row.scheduleDays)}::text[]`,
            add(row.frequencyNote),
            add(row.capacity),
            add(row.vacancies),
            `${add(row.accommodations)}::text[]`,
            add(row.demandTalking),
            add(row.demandPhysical),
            add(row.demandLiteracy),
            add(row.reward),
            add(row.acceptsOutsideEligibility),
            add(row.status),
            // as ResourceRepository.writeSearchTokens
            `setweight(to_tsvector('simple', ${add(tokens[idx].title.join(' '))}), 'A') || setweight(to_tsvector('simple',
              ${add(tokens[idx].body.join(' '))}), 'B')`,
            add(contentHash(texts[idx])),
            // indexed under the current text rules, as the service writes rows (else the worker re-indexes them all at start)
            add(resourceSearchText(row)),
            add(TEXT_RULES_VERSION),
            `${add(toVectorLiteral(vectors[idx]))}::vector`,
            add(modelName),
            `'ready'`,
            'now()',
          ].join(', ')})`;
        });
        const { rows: inserted } = await pg.query(
          `INSERT INTO resources (organization_id, type, title, description, tasks, area, address, nearest_station, access_minutes,
            schedule, schedule_days,
             frequency_note, capacity, vacancies, accommodations, demand_talking, demand_physical, demand_literacy, reward,
               accepts_outside_eligibility,
             status, search_tokens, content_hash, search_text, text_rules,
             embedding, embedding_model, embedding_status, embedded_at) VALUES ${values.join(', ')} RETURNING id`,
          params,
        );
        // BM25 postings, as ResourceRepository.writePostings (one INSERT for the slice: the corpus triggers count per statement)
        const postings = inserted.map((row: { id: string }, j: number) => ({ id: row.id, ...tokens[i + j].postings }));
        await pg.query(
          `INSERT INTO resource_terms (resource_id, term, tf, doc_length)
           SELECT x.id, t.term, t.tf, x.length
             FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, terms text[], tfs real[], length real),
                  unnest(x.terms, x.tfs) AS t(term, tf)`,
          [JSON.stringify(postings)],
        );
      }
    })();
    inserting.catch(() => undefined); // surfaced by the next await
    if (performance.now() - lastLog > 30_000) {
      lastLog = performance.now();
      const secs = (lastLog - started) / 1000;
      log(
        `  loaded ${fmtInt(done + rows.length)}/${fmtInt(size)} (${Math.round((done + rows.length) / secs)} rows/s; embedding ` +
          `${Math.round((done + rows.length) / (embedMs / 1000))} texts/s)`,
      );
    }
  }
  await inserting;
  return { loadSeconds: (performance.now() - started) / 1000, embedSeconds: embedMs / 1000, distinctPassages: passages.size, open };
}

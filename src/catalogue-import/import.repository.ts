import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TEXT_RULES_VERSION } from '../common/japanese/normalize';
import type { Postings } from '../common/japanese/postings';
import type { CellMessage } from './table-reader';

export type ImportStatus = 'parsing' | 'previewed' | 'committing' | 'committed' | 'failed';
export type ImportFormat = 'xlsx' | 'csv' | 'hsds';
export type RowAction = 'create' | 'update' | 'unchanged' | 'refused';

export interface ImportSummary {
  create: number;
  update: number;
  unchanged: number;
  refused: number;
  warnings: number;
}

export interface ImportState {
  id: string;
  format: ImportFormat;
  filename: string;
  status: ImportStatus;
  progress: number;
  mapping: Record<string, string | null> | null;
  details: Record<string, unknown>;
  summary: ImportSummary | Record<string, never>;
  commitMode: 'all' | 'valid_only' | null;
  error: string | null;
  createdBy: string;
  createdAt: Date;
  committedAt: Date | null;
}

export interface StoredRow {
  row: number;
  action: RowAction;
  messages: CellMessage[];
  /** Full column values of the resource to write (create/update), its text index, and its host. */
  record: unknown;
  match: { resourceId: string; by: string; label: string } | null;
  /** What an update changes, field by field, for the coordinator (Japanese labels and values). */
  changes: RowChange[];
  /** The activity and host the row names (shown beside the row number). */
  title: string | null;
  host: string | null;
}

export interface RowChange {
  field: string;
  from: string;
  to: string;
}

/** Fields hosts keep current themselves (host portal: − / +, 休止 / 再開); see docs/hsds.md. */
export const LIVE_FIELDS = ['vacancies', 'status'] as const;
export type LiveField = (typeof LIVE_FIELDS)[number];
/** resources.import_baseline: per live field, the list's value at the last import and the value stored after it. */
export type LiveBaseline = Partial<Record<LiveField, { list: unknown; live: unknown }>>;

/** An existing resource as the preview compares it (every column the import can change). */
export interface ExistingResource {
  id: string;
  externalId: string | null;
  organizationId: string;
  organizationName: string;
  searchName: string;
  organizationKind: string;
  organizationKindLabel: string | null;
  organizationContact: Record<string, string>;
  contentHash: string;
  values: Record<string, unknown>;
  /** Live fields at the last import: what the list said and what the service kept (null: never imported since). */
  baseline: LiveBaseline | null;
  /** Placements holding one of its vacancies (参加・受入). */
  held: number;
}

/** Columns of `resources` that an import writes, with their SQL types (for jsonb_to_recordset). */
export const WRITTEN_COLUMNS: Array<[string, string, string]> = [
  ['type', 'type', 'text'],
  ['title', 'title', 'text'],
  ['description', 'description', 'text'],
  ['tasks', 'tasks', 'text[]'],
  ['area', 'area', 'text'],
  ['address', 'address', 'text'],
  ['latitude', 'latitude', 'double precision'],
  ['longitude', 'longitude', 'double precision'],
  ['nearestStation', 'nearest_station', 'text'],
  ['accessMinutes', 'access_minutes', 'integer'],
  ['schedule', 'schedule', 'jsonb'],
  ['scheduleDays', 'schedule_days', 'text[]'],
  ['frequencyNote', 'frequency_note', 'text'],
  ['capacity', 'capacity', 'integer'],
  ['vacancies', 'vacancies', 'integer'],
  ['accommodations', 'accommodations', 'text[]'],
  ['demandTalking', 'demand_talking', 'text'],
  ['demandPhysical', 'demand_physical', 'text'],
  ['demandLiteracy', 'demand_literacy', 'text'],
  ['reward', 'reward', 'text'],
  ['acceptsOutsideEligibility', 'accepts_outside_eligibility', 'boolean'],
  ['status', 'status', 'text'],
];

/** One row ready for the bulk SQL of the commit. */
export interface WriteRow {
  id: string;
  organizationKey: string;
  externalId: string | null;
  values: Record<string, unknown>;
  contentHash: string;
  titleTokens: string;
  bodyTokens: string;
  searchText: string;
  /** matching/understanding/concepts.ts resourceConcepts */
  concepts: string[];
  postings: Postings;
  hashChanged: boolean;
  /** The live fields as the list gives them (absent: no such column or a blank cell). */
  listValues?: Partial<Record<LiveField, unknown>>;
}

export interface WriteOrganization {
  key: string;
  name: string;
  searchName: string;
  kind: string;
  kindLabel: string | null;
  area: string | null;
  contact: Record<string, string>;
  externalId: string | null;
  /** Existing row to update (null: create). */
  id: string | null;
  changed: boolean;
}

@Injectable()
export class ImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(format: ImportFormat, filename: string, file: Buffer, mapping: Record<string, string | null> | null, createdBy: string) {
    const [row] = await this.dataSource.query(
      `INSERT INTO catalogue_imports (format, filename, file, mapping, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id, status`,
      [format, filename.slice(0, 300), file, mapping ? JSON.stringify(mapping) : null, createdBy],
    );
    return row as { id: string; status: ImportStatus };
  }

  async find(id: string): Promise<ImportState | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, format, filename, status, progress, mapping, details, summary, commit_mode AS "commitMode", error,
              created_by AS "createdBy", created_at AS "createdAt", committed_at AS "committedAt"
         FROM catalogue_imports WHERE id = $1`,
      [id],
    );
    return (row as ImportState) ?? null;
  }

  async file(id: string): Promise<Buffer | null> {
    const [row] = await this.dataSource.query(`SELECT file FROM catalogue_imports WHERE id = $1`, [id]);
    return row?.file ?? null;
  }

  async rows(id: string, actions?: RowAction[]): Promise<StoredRow[]> {
    if (!actions) {
      return this.dataSource.query(
        `SELECT row_number AS row, action, messages, NULL AS record, match, changes, title, host
           FROM catalogue_import_rows WHERE import_id = $1 ORDER BY row_number`,
        [id],
      );
    }
    // With their records, in pages of 1,000: the answer for 10,000 rows is ~16 MB (it once hung the commit, through a
    // defect of the embedded server since fixed); pages keep the messages and the service's memory bounded.
    const rows: StoredRow[] = [];
    for (let after = 0; ;) {
      const page: StoredRow[] = await this.dataSource.query(
        `SELECT row_number AS row, action, messages, record, match, changes, title, host FROM catalogue_import_rows
          WHERE import_id = $1 AND action = ANY($2) AND row_number > $3 ORDER BY row_number LIMIT ${READ_PAGE}`,
        [id, actions, after],
      );
      rows.push(...page);
      if (page.length < READ_PAGE) return rows;
      after = page[page.length - 1].row;
    }
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE catalogue_imports SET progress = $2, updated_at = now() WHERE id = $1`, [id, Math.round(progress)]);
  }

  async fail(id: string, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE catalogue_imports SET status = 'failed', error = $2, file = NULL, updated_at = now() WHERE id = $1`,
      [id, message],
    );
  }

  /** Starts over (a retried job): the rows of a previous attempt go. */
  async clearRows(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM catalogue_import_rows WHERE import_id = $1`, [id]);
  }

  async insertRows(id: string, rows: StoredRow[]): Promise<void> {
    if (!rows.length) return;
    await this.dataSource.query(
      `INSERT INTO catalogue_import_rows (import_id, row_number, action, messages, record, match, changes, title, host)
       SELECT $1, x.row, x.action, x.messages, x.record, x.match, COALESCE(x.changes, '[]'::jsonb), x.title, x.host
         FROM jsonb_to_recordset($2::jsonb)
           AS x(row integer, action text, messages jsonb, record jsonb, match jsonb, changes jsonb, title text, host text)`,
      [id, JSON.stringify(rows)],
    );
  }

  async previewed(id: string, summary: ImportSummary, details: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(
      `UPDATE catalogue_imports SET status = 'previewed', progress = 100, summary = $2, details = $3, file = NULL, updated_at = now()
        WHERE id = $1`,
      [id, JSON.stringify(summary), JSON.stringify(details)],
    );
  }

  /** previewed → committing, once: a second commit request finds nothing to move. */
  async startCommit(id: string, mode: 'all' | 'valid_only'): Promise<boolean> {
    const rows = await this.dataSource.query(
      `UPDATE catalogue_imports SET status = 'committing', commit_mode = $2, progress = 0, updated_at = now()
        WHERE id = $1 AND status = 'previewed' RETURNING id`,
      [id, mode],
    );
    return rows.length > 0;
  }

  async rememberHeaders(mapping: Record<string, string>): Promise<void> {
    const entries = Object.entries(mapping);
    if (!entries.length) return;
    await this.dataSource.query(
      `INSERT INTO catalogue_import_headers (header, field)
       SELECT h, f FROM unnest($1::text[], $2::text[]) AS x(h, f)
       ON CONFLICT (header) DO UPDATE SET field = EXCLUDED.field, updated_at = now()`,
      [entries.map(([h]) => h), entries.map(([, f]) => f)],
    );
  }

  async rememberedHeaders(): Promise<Record<string, string>> {
    const rows: Array<{ header: string; field: string }> = await this.dataSource.query(
      `SELECT header, field FROM catalogue_import_headers`,
    );
    return Object.fromEntries(rows.map((r) => [r.header, r.field]));
  }

  /**
   * The resources an import may match: by external id (or the service's own id, as the export writes it when
   * there is none) and every resource of the named hosts (matched on organisation + title in the service).
   */
  async existing(externalIds: string[], searchNames: string[]): Promise<ExistingResource[]> {
    const select = WRITTEN_COLUMNS.map(([p, c]) => `'${p}', r.${c}`).join(', ');
    const rows = await this.dataSource.query(
      `SELECT r.id, r.external_id AS "externalId", r.organization_id AS "organizationId", o.name AS "organizationName",
              o.search_name AS "searchName", o.kind AS "organizationKind", o.kind_label AS "organizationKindLabel",
              o.contact AS "organizationContact", r.content_hash AS "contentHash", jsonb_build_object(${select}) AS values,
              r.import_baseline AS baseline,
              (SELECT count(*)::int FROM placements p WHERE p.resource_id = r.id AND p.holds_vacancy) AS held
         FROM resources r JOIN organizations o ON o.id = r.organization_id
        WHERE r.external_id = ANY($1::text[]) OR r.id::text = ANY($1::text[]) OR o.search_name = ANY($2::text[])`,
      [externalIds, searchNames],
    );
    return rows as ExistingResource[];
  }

  /** Hosts by normalised name, by external id, or (for the hosts of matched resources) by id. */
  async organizationsByName(searchNames: string[], externalIds: string[], ids: string[] = [], manager?: EntityManager) {
    const rows: Array<{
      id: string;
      name: string;
      searchName: string;
      kind: string;
      kindLabel: string | null;
      contact: Record<string, string>;
      externalId: string | null;
    }> = await (manager ?? this.dataSource).query(
      `SELECT id, name, search_name AS "searchName", kind, kind_label AS "kindLabel", contact, external_id AS "externalId"
         FROM organizations WHERE search_name = ANY($1::text[]) OR external_id = ANY($2::text[]) OR id = ANY($3::uuid[])
        ORDER BY created_at, id`,
      [searchNames, externalIds, ids],
    );
    return rows;
  }

  /**
   * The commit: organisations, then resources, their text index and status history, each as one set-based
   * statement over a JSON array (10,000 rows hold the database for about a second).
   */
  async write(
    importId: string,
    organizations: WriteOrganization[],
    allCreates: WriteRow[],
    allUpdates: WriteRow[],
    summary: ImportSummary,
  ) {
    const started = performance.now();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const m = runner.manager;
      const newOrgs = organizations.filter((o) => !o.id);
      const orgIds = new Map(organizations.filter((o) => o.id).map((o) => [o.key, o.id!]));
      for (const slice of chunks(newOrgs)) {
        const inserted: Array<{ id: string; key: string }> = await m.query(
          `INSERT INTO organizations (name, kind, kind_label, area, contact, search_name, external_id, origin, developed)
           SELECT x.name, x.kind, x.kind_label, x.area, x.contact, x.search_name, x.external_id, 'import', false
             FROM jsonb_to_recordset($1::jsonb)
               AS x(key text, name text, kind text, kind_label text, area text, contact jsonb, search_name text, external_id text)
           RETURNING id, search_name AS key`,
          [JSON.stringify(slice.map(orgJson))],
        );
        // search_name is the key of a new host (hosts are matched on their normalised name).
        for (const row of inserted) orgIds.set(row.key, row.id);
      }
      const changedOrgs = organizations.filter((o) => o.id && o.changed);
      if (changedOrgs.length) {
        await m.query(
          `UPDATE organizations o SET kind = x.kind, kind_label = x.kind_label, contact = x.contact,
                  external_id = COALESCE(x.external_id, o.external_id), updated_at = now(),
                  search_name = CASE WHEN o.search_name = '' THEN x.search_name ELSE o.search_name END
             FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, kind text, kind_label text, contact jsonb, external_id text, search_name text)
            WHERE o.id = x.id`,
          [JSON.stringify(changedOrgs.map((o) => ({ ...orgJson(o), id: o.id })))],
        );
      }
      const columns = WRITTEN_COLUMNS.map(([, c]) => c);
      const recordType = WRITTEN_COLUMNS.map(([, c, t]) => `${c} ${t}`).join(', ');
      const json = (rows: WriteRow[]) =>
        JSON.stringify(
          rows.map((r) => ({
            ...Object.fromEntries(WRITTEN_COLUMNS.map(([p, c]) => [c, r.values[p] ?? null])),
            id: r.id,
            organization_id: orgIds.get(r.organizationKey),
            external_id: r.externalId,
            content_hash: r.contentHash,
            title_tokens: r.titleTokens,
            body_tokens: r.bodyTokens,
            search_text: r.searchText,
            concepts: r.concepts,
            hash_changed: r.hashChanged,
            list_vacancies: r.listValues?.vacancies ?? null,
            list_status: r.listValues?.status ?? null,
          })),
        );
      const extra =
        'id uuid, organization_id uuid, external_id text, content_hash text, title_tokens text, body_tokens text, search_text text, ' +
        'concepts text[]';
      for (const creates of chunks(allCreates)) {
        await m.query(
          `INSERT INTO resources (id, organization_id, external_id, ${columns.join(', ')}, content_hash, embedding_status,
                                  search_tokens, search_text, concepts, text_rules, origin, developed, import_baseline)
           SELECT x.id, x.organization_id, x.external_id, ${columns.map((c) => `x.${c}`).join(', ')}, x.content_hash, 'pending',
                  setweight(to_tsvector('simple', x.title_tokens), 'A') || setweight(to_tsvector('simple', x.body_tokens), 'B'),
                  x.search_text, x.concepts, $2, 'import', false,
                  jsonb_build_object('vacancies', jsonb_build_object('list', x.list_vacancies, 'live', x.vacancies),
                                     'status', jsonb_build_object('list', x.list_status, 'live', x.status))
             FROM jsonb_to_recordset($1::jsonb) AS x(${extra}, list_vacancies integer, list_status text, ${recordType})`,
          [json(creates), TEXT_RULES_VERSION],
        );
        await m.query(
          `INSERT INTO resource_status_events (resource_id, status, initial)
           SELECT x.id, x.status, true FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, status text)`,
          [JSON.stringify(creates.map((r) => ({ id: r.id, status: r.values.status })))],
        );
      }
      // The live fields again, under the row lock: a host's change or a placement between preview and commit is kept
      // too, and vacancies never exceed the capacity less the placements holding one (docs/hsds.md).
      // The same rule as the preview's (ImportService.keepLiveFields): the stored value stays when the list does not give
      // the field, or gives what it said last time, or when the field changed since the last import.
      const live = (c: LiveField) => {
        const b = `r.import_baseline -> '${c}'`;
        return `CASE WHEN x.list_${c} IS NULL THEN r.${c}
                     WHEN ${b} IS NOT NULL AND (x.list_${c}::text IS NOT DISTINCT FROM ${b} ->> 'list'
                                              OR r.${c}::text IS DISTINCT FROM ${b} ->> 'live') THEN r.${c}
                     ELSE x.${c} END`;
      };
      const liveValue: Record<string, string> = {
        vacancies: `GREATEST(LEAST(${live('vacancies')}, x.capacity - COALESCE(h.n, 0)), 0)`,
        status: live('status'),
      };
      const set = (c: string) => `${c} = ${liveValue[c] ?? `x.${c}`}`;
      for (const updates of chunks(allUpdates)) {
        await m.query(
          `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb)
                       AS x(${extra}, hash_changed boolean, list_vacancies integer, list_status text, ${recordType})),
                before AS (SELECT r.id, r.status FROM resources r JOIN x ON x.id = r.id FOR UPDATE OF r),
                h AS (SELECT p.resource_id AS id, count(*)::int AS n FROM placements p JOIN x ON x.id = p.resource_id
                       WHERE p.holds_vacancy GROUP BY p.resource_id),
                changed AS (
                  UPDATE resources r SET ${columns.map(set).join(', ')},
                         import_baseline = jsonb_build_object(
                           'vacancies', jsonb_build_object(
                             'list', COALESCE(to_jsonb(x.list_vacancies), r.import_baseline -> 'vacancies' -> 'list'),
                             'live', ${liveValue.vacancies}),
                           'status', jsonb_build_object(
                             'list', COALESCE(to_jsonb(x.list_status), r.import_baseline -> 'status' -> 'list'),
                             'live', ${liveValue.status})),
                         organization_id = x.organization_id, external_id = COALESCE(x.external_id, r.external_id),
                         content_hash = x.content_hash,
                         embedding_status = CASE WHEN x.hash_changed THEN 'pending' ELSE r.embedding_status END,
                         embedding_error = CASE WHEN x.hash_changed THEN NULL ELSE r.embedding_error END,
                         search_tokens = setweight(to_tsvector('simple', x.title_tokens), 'A')
                                      || setweight(to_tsvector('simple', x.body_tokens), 'B'),
                         search_text = x.search_text, concepts = x.concepts, text_rules = $2, updated_at = now()
                    FROM x LEFT JOIN h ON h.id = x.id WHERE r.id = x.id
                  RETURNING r.id, r.status)
           INSERT INTO resource_status_events (resource_id, status)
           SELECT changed.id, changed.status FROM changed JOIN before USING (id) WHERE before.status <> changed.status`,
          [json(updates), TEXT_RULES_VERSION],
        );
      }
      // BM25 postings of every written resource, in this transaction (one INSERT per chunk: the corpus triggers count
      // each resource once per statement).
      for (const rows of chunks([...allCreates, ...allUpdates])) {
        const postings = JSON.stringify(
          rows.map((r) => ({ id: r.id, terms: r.postings.terms, tfs: r.postings.tfs, len: r.postings.length })),
        );
        await m.query(`DELETE FROM resource_terms WHERE resource_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements($1::jsonb) x)`, [
          postings,
        ]);
        await m.query(
          `INSERT INTO resource_terms (resource_id, term, tf, doc_length)
           SELECT x.id, t.term, t.tf, x.len
             FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, terms text[], tfs real[], len real),
                  unnest(x.terms, x.tfs) AS t(term, tf)`,
          [postings],
        );
      }
      await m.query(
        `UPDATE catalogue_imports SET status = 'committed', progress = 100, summary = $2, committed_at = now(), updated_at = now(),
                details = details || jsonb_build_object('commitTransactionMs', $3::integer)
          WHERE id = $1`,
        [importId, JSON.stringify(summary), Math.round(performance.now() - started)],
      );
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }

  /** Imports a crash or a lost Redis left half-way, for the reconciler. */
  async unfinished(): Promise<Array<{ id: string; status: ImportStatus }>> {
    return this.dataSource.query(
      `SELECT id, status FROM catalogue_imports WHERE status IN ('parsing', 'committing') AND updated_at < now() - interval '1 minute'`,
    );
  }
}

/**
 * Rows per statement inside the commit's one transaction: one statement for 10,000 rows sent a JSON parameter of tens
 * of MB; slices keep every message small and the transaction still all-or-nothing.
 */
const WRITE_CHUNK = 1_000;
/** Rows (with their records) per read of the commit step; see rows(). */
const READ_PAGE = 1_000;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += WRITE_CHUNK) out.push(rows.slice(i, i + WRITE_CHUNK));
  return out;
}

function orgJson(o: WriteOrganization) {
  return {
    key: o.key,
    name: o.name,
    kind: o.kind,
    kind_label: o.kindLabel,
    area: o.area,
    contact: o.contact,
    search_name: o.searchName,
    external_id: o.externalId,
  };
}

import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { AppException, ErrorCode } from '../common/app.exception';
import {
  ACCOMMODATIONS,
  DAYS,
  DEMAND_LEVEL_LABELS,
  ORGANIZATION_KIND_LABELS,
  RESOURCE_TYPE_LABELS,
  REWARD_LABELS,
  type Accommodation,
  type Day,
} from '../common/catalogue.constants';
import { normalizeJapanese } from '../common/japanese/normalize';
import type { Postings } from '../common/japanese/postings';
import { hsdsToRecords } from './hsds.import';
import { JobRepository } from '../jobs/job.repository';
import type { ResourceTextFields } from '../resources/resource-text';
import { ResourceService } from '../resources/resource.service';
import { formatSchedule, parsePhone, STATUS_LABELS, type Slot } from './cell-parsers';
import { findHeaderRow, IMPORT_FIELD_NAMES, IMPORT_FIELDS, type ImportField } from './import.columns';
import { isBlankRow, rowToRecord, type ImportRecord } from './import.record';
import {
  ImportRepository,
  LIVE_FIELDS,
  WRITTEN_COLUMNS,
  type LiveField,
  type RowChange,
  type ExistingResource,
  type ImportFormat,
  type ImportState,
  type ImportSummary,
  type RowAction,
  type StoredRow,
  type WriteOrganization,
  type WriteRow,
} from './import.repository';
import { readTable, UnreadableFileError, type CellMessage } from './table-reader';

/** What a create/update row stores for the commit: the full values to write and the host they belong to. */
interface PreparedRecord {
  values: Record<string, unknown>;
  externalId: string | null;
  organization: {
    key: string;
    id?: string;
    name: string;
    searchName: string;
    kind?: string;
    kindLabel?: string | null;
    area: string | null;
  };
  contact?: Record<string, string>;
  contentHash: string;
  titleTokens: string;
  bodyTokens: string;
  searchText: string;
  concepts: string[];
  postings: Postings;
  hashChanged: boolean;
  listValues: Partial<Record<LiveField, unknown>>;
}

const DEFAULTS: Record<string, unknown> = {
  type: 'other',
  description: '',
  tasks: [],
  address: null,
  latitude: null,
  longitude: null,
  nearestStation: null,
  accessMinutes: null,
  schedule: [],
  frequencyNote: null,
  accommodations: [],
  demandTalking: 'medium',
  demandPhysical: 'medium',
  demandLiteracy: 'medium',
  reward: 'unpaid',
  acceptsOutsideEligibility: false,
  status: 'open',
};

/** Rows are prepared in slices, giving the event loop back between them: a 10,000-row list never stalls the API. */
const SLICE = 200;

@Injectable()
export class ImportService {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    private readonly imports: ImportRepository,
    private readonly resources: ResourceService,
    private readonly jobs: JobRepository,
  ) {}

  async start(actor: Actor, format: ImportFormat, filename: string, file: Buffer, mapping: Record<string, string | null> | null) {
    if (mapping) {
      for (const [header, field] of Object.entries(mapping)) {
        if (field !== null && !IMPORT_FIELD_NAMES.includes(field as ImportField)) {
          throw AppException.validation(
            'mapping',
            `列「${header}」の割り当て先「${field}」は使えません（${IMPORT_FIELD_NAMES.join(', ')} または null）`,
          );
        }
      }
    }
    const created = await this.imports.create(format, filename, file, mapping, `${actor.role}:${actor.tokenId ?? actor.userId ?? ''}`);
    await this.jobs.enqueueImportStep('parse', created.id);
    return created;
  }

  async get(id: string): Promise<ImportState & { rows: StoredRow[] }> {
    const state = await this.imports.find(id);
    if (!state) throw AppException.notFound('取り込み', id);
    const rows = state.status === 'parsing' ? [] : await this.imports.rows(id);
    return { ...state, rows };
  }

  async commit(id: string, mode: 'all' | 'valid_only'): Promise<ImportState> {
    const state = await this.imports.find(id);
    if (!state) throw AppException.notFound('取り込み', id);
    if (state.status !== 'previewed') {
      throw new AppException(
        ErrorCode.Conflict,
        `この取り込みは確定できません（状態: ${state.status}）。プレビュー（previewed）の取り込みだけを確定できます。`,
      );
    }
    const summary = state.summary as ImportSummary;
    if (mode === 'all' && summary.refused > 0) {
      throw new AppException(
        ErrorCode.Conflict,
        `取り込めない行が ${summary.refused} 行あります。一覧を直して取り込み直すか、mode: "valid_only" で取り込める行だけを確定してください。`,
      );
    }
    if (!(await this.imports.startCommit(id, mode))) {
      throw new AppException(ErrorCode.Conflict, 'この取り込みはすでに確定の処理中か、確定済みです。');
    }
    await this.jobs.enqueueImportStep('commit', id);
    return (await this.imports.find(id))!;
  }

  /** The parse step (a job): read the file, map the rows, compare with the catalogue, store the preview. */
  async parse(id: string): Promise<void> {
    const state = await this.imports.find(id);
    if (!state || state.status !== 'parsing') return;
    const file = await this.imports.file(id);
    if (!file) return this.imports.fail(id, 'ファイルが見つかりません。もう一度アップロードしてください。');
    await this.imports.clearRows(id);
    try {
      const { records, details } = state.format === 'hsds' ? this.readHsds(file) : await this.readList(id, state, file);
      await this.imports.setProgress(id, 30);
      const rows = await this.preview(records, (done) => this.imports.setProgress(id, 30 + (60 * done) / Math.max(records.length, 1)));
      for (let i = 0; i < rows.length; i += 1000) await this.imports.insertRows(id, rows.slice(i, i + 1000));
      await this.imports.previewed(id, summarise(rows), details);
    } catch (err) {
      if (err instanceof UnreadableFileError) return this.imports.fail(id, err.message);
      this.logger.error({ importId: id, err: String(err) }, 'import parse failed');
      await this.imports.fail(id, '取り込みの途中で予期しないエラーが起きました。ファイルの形式を確認し、もう一度お試しください。');
    }
  }

  private readHsds(file: Buffer) {
    let json: unknown;
    try {
      json = JSON.parse(file.toString('utf8').replace(/^\uFEFF/, ''));
    } catch {
      throw new UnreadableFileError('HSDS のデータセット（JSON）として読めません。JSON の書式を確認してください。');
    }
    const { records, notes } = hsdsToRecords(json);
    if (!records.length) throw new UnreadableFileError('HSDS のデータセットにサービス（services）が 1 件もありません。');
    return { records, details: { notes } };
  }

  private async readList(id: string, state: ImportState, file: Buffer) {
    const table = await readTable(file, state.format as 'xlsx' | 'csv');
    const explicit = (state.mapping ?? {}) as Record<string, ImportField | null>;
    const remembered = (await this.imports.rememberedHeaders()) as Record<string, ImportField>;
    const header = findHeaderRow(table.rows, explicit, remembered);
    if (!header) {
      throw new UnreadableFileError(
        '見出しの行が見つかりません（1〜30 行目を探しました）。「団体名」と「活動名」の列が必要です。' +
          'テンプレートの見出しを使うか、mapping で列の割り当てを指定してください。',
      );
    }
    // The user's corrections are remembered for the next list with the same headers.
    const chosen = Object.fromEntries(Object.entries(explicit).filter((e): e is [string, ImportField] => e[1] !== null));
    await this.imports.rememberHeaders(chosen);
    const headers = table.rows[header.index].map((h) => String(h ?? '').trim());
    const notes: Array<{ row: number; column: string; value: string; message: string }> = table.notes.filter((n) => n.row === 0);
    if (header.index > 0)
      notes.push({ row: header.index + 1, column: '', value: '', message: `見出しは ${header.index + 1} 行目にありました` });
    const unmapped = headers.filter((h, i) => h && !header.mapping[i]);
    if (unmapped.length)
      notes.push({ row: header.index + 1, column: '', value: unmapped.join('、'), message: '割り当てのない列は読み込みませんでした' });
    const cellNotes = new Map<number, CellMessage[]>();
    for (const note of table.notes.filter((n) => n.row > 0)) {
      cellNotes.set(note.row, [
        ...(cellNotes.get(note.row) ?? []),
        { column: note.column, value: note.value, message: note.message, level: 'warning' },
      ]);
    }
    const records: ImportRecord[] = [];
    let blank = 0;
    for (let i = header.index + 1; i < table.rows.length; i++) {
      if (isBlankRow(table.rows[i])) {
        blank++;
        continue;
      }
      const record = rowToRecord(i + 1, table.rows[i], header.mapping, headers);
      record.messages.unshift(...(cellNotes.get(i + 1) ?? []));
      records.push(record);
      if (records.length % SLICE === 0) await yieldToRequests();
      if (records.length % 2000 === 0) await this.imports.setProgress(id, (30 * i) / table.rows.length);
    }
    if (blank) notes.push({ row: 0, column: '', value: '', message: `空の行 ${blank} 行は飛ばしました` });
    const columns = headers.map((h, i) => ({ index: i, header: h, field: header.mapping[i] ?? null }));
    return { records, details: { headerRow: header.index + 1, sheet: table.sheet, encoding: table.encoding, columns, notes } };
  }

  /** Each record → create / update / unchanged / refused, with the values the commit will write. */
  async preview(records: ImportRecord[], onProgress?: (done: number) => Promise<void>): Promise<StoredRow[]> {
    const searchNames = [...new Set(records.map((r) => normalizeJapanese(r.organization.name)).filter(Boolean))];
    const externalIds = [...new Set(records.map((r) => r.externalId).filter((x): x is string => Boolean(x)))];
    const existing = await this.imports.existing(externalIds, searchNames);
    const orgExternalIds = [...new Set(records.map((r) => r.organization.externalId).filter((x): x is string => Boolean(x)))];
    const hosts = await this.imports.organizationsByName(searchNames, orgExternalIds);
    const byExternal = new Map<string, ExistingResource>();
    const byId = new Map<string, ExistingResource>();
    const byHostTitle = new Map<string, ExistingResource>();
    for (const e of existing) {
      if (e.externalId) byExternal.set(e.externalId, e);
      byId.set(e.id, e);
      const key = `${e.searchName}\u0000${normalizeJapanese(String(e.values.title))}`;
      if (!byHostTitle.has(key)) byHostTitle.set(key, e);
    }
    const hostByName = new Map(hosts.map((h) => [h.searchName, h]));
    const hostByExternal = new Map(hosts.filter((h) => h.externalId).map((h) => [h.externalId!, h]));
    const seen = new Map<string, number>();
    const rows: StoredRow[] = [];
    for (let i = 0; i < records.length; i++) {
      if (i % SLICE === 0 && i > 0) {
        await onProgress?.(i);
        await yieldToRequests();
      }
      rows.push(this.previewOne(records[i], { byExternal, byId, byHostTitle, hostByName, hostByExternal, seen }));
    }
    return rows;
  }

  private previewOne(
    record: ImportRecord,
    index: {
      byExternal: Map<string, ExistingResource>;
      byId: Map<string, ExistingResource>;
      byHostTitle: Map<string, ExistingResource>;
      hostByName: Map<string, Awaited<ReturnType<ImportRepository['organizationsByName']>>[number]>;
      hostByExternal: Map<string, Awaited<ReturnType<ImportRepository['organizationsByName']>>[number]>;
      seen: Map<string, number>;
    },
  ): StoredRow {
    const messages = [...record.messages];
    const shown = { title: record.resource.title || null, host: record.organization.name || null };
    const refused = (): StoredRow => ({
      row: record.row,
      action: 'refused',
      messages: messages.map(publicMessage),
      record: null,
      match: null,
      changes: [],
      ...shown,
    });
    if (messages.some((m) => m.level === 'error')) return refused();
    const host = (record.organization.externalId && index.hostByExternal.get(record.organization.externalId)) || null;
    const searchName = host?.searchName ?? normalizeJapanese(record.organization.name);
    const titleKey = `${searchName}\u0000${normalizeJapanese(record.resource.title)}`;
    const key = record.externalId ? `x\u0000${record.externalId}` : `t\u0000${titleKey}`;
    const earlier = index.seen.get(key);
    if (earlier !== undefined) {
      messages.push({
        column: record.externalId ? '外部ID' : '活動名',
        value: record.externalId ?? record.resource.title,
        message: `${earlier} 行目と同じ活動です（${record.externalId ? '外部ID' : '団体名と活動名'}が同じ）。どちらか一方にしてください`,
        level: 'error',
      });
      return refused();
    }
    index.seen.set(key, record.row);
    let match: ExistingResource | undefined;
    let by = '';
    let externalId = record.externalId;
    if (record.externalId) {
      match = index.byExternal.get(record.externalId);
      by = 'externalId';
      if (!match && index.byId.has(record.externalId)) {
        // The export writes the service's own id when a resource has no external id: matched, and nothing to store.
        match = index.byId.get(record.externalId);
        by = 'id';
        externalId = null;
      }
    }
    if (!match) {
      match = index.byHostTitle.get(titleKey);
      by = 'organizationTitle';
      if (match?.externalId && record.externalId && match.externalId !== record.externalId) match = undefined;
    }
    // Several organisations may share a name: a matched resource whose row names its own host stays with that host.
    // The host's name is also compared itself: a host written without the API (raw SQL) has an empty search_name.
    const ownHost =
      !host && match && (match.searchName === searchName || normalizeJapanese(match.organizationName) === searchName)
        ? {
            id: match.organizationId,
            name: match.organizationName,
            searchName,
            kind: match.organizationKind,
            kindLabel: match.organizationKindLabel,
            contact: match.organizationContact,
            externalId: null,
          }
        : undefined;
    const existingHost = host ?? ownHost ?? index.hostByName.get(searchName);
    const r = record.resource;
    const given: Record<string, unknown> = {};
    for (const [property] of WRITTEN_COLUMNS) {
      const value = (r as unknown as Record<string, unknown>)[property];
      if (value !== undefined) given[property] = value;
    }
    let values: Record<string, unknown>;
    if (match) {
      values = { ...match.values, ...given };
    } else {
      values = { ...DEFAULTS, ...given };
      if (!values.area) {
        messages.push({ column: '地区', value: '', message: '地区が空欄です（新しく登録する活動には地区が必要です）', level: 'error' });
        return refused();
      }
      if (r.type === undefined)
        messages.push({ column: '分類', value: '', message: '分類がないため「その他」としました', level: 'warning' });
      if (values.capacity === undefined) {
        values.capacity = 0;
        messages.push({ column: '定員', value: '', message: '定員が空欄のため 0 としました。登録後に直してください', level: 'warning' });
      }
      if (values.vacancies === undefined) values.vacancies = values.capacity;
    }
    if (r.accommodationFlags) {
      const codes = new Set(values.accommodations as Accommodation[]);
      for (const [code, on] of Object.entries(r.accommodationFlags) as Array<[Accommodation, boolean]>) {
        if (on) codes.add(code);
        else codes.delete(code);
      }
      values.accommodations = [...codes];
    }
    if (match) this.keepLiveFields(match, given, values, messages);
    if ((values.vacancies as number) > (values.capacity as number)) {
      messages.push({
        column: '空き',
        value: String(values.vacancies),
        message: `空き（${values.vacancies}）が定員（${values.capacity}）を超えるため、定員と同じにしました`,
        level: 'warning',
      });
      values.vacancies = values.capacity;
    }
    if (match && (values.vacancies as number) > Math.max((values.capacity as number) - match.held, 0)) {
      const allowed = Math.max((values.capacity as number) - match.held, 0);
      messages.push({
        column: '空き',
        value: String(values.vacancies),
        message: `参加・受入中の人が ${match.held} 名いるため、空きは ${allowed} 名にします（定員 ${values.capacity} 名）`,
        level: 'warning',
      });
      values.vacancies = allowed;
    }
    values.scheduleDays = (DAYS as readonly Day[]).filter((d) => (values.schedule as Array<{ day: Day }>).some((s) => s.day === d));
    const o = record.organization;
    const contact = o.contact ? { ...(existingHost?.contact ?? {}), ...o.contact } : undefined;
    const hostChanged =
      !!existingHost &&
      ((o.kind !== undefined && (o.kind !== existingHost.kind || (o.kindLabel ?? null) !== existingHost.kindLabel)) ||
        (contact !== undefined && !sameJson(comparableContact(contact), comparableContact(existingHost.contact))));
    const text = this.resources.textIndex(values as unknown as ResourceTextFields);
    const moved = !!match && (!existingHost || existingHost.id !== match.organizationId);
    const flagsGiven = (p: string) => p === 'accommodations' && !!r.accommodationFlags;
    const changed =
      !!match &&
      WRITTEN_COLUMNS.some(
        ([p]) => (p in given || flagsGiven(p) || p === 'vacancies') && !sameJson(comparable(p, values[p]), comparable(p, match!.values[p])),
      );
    const newExternalId = !!match && !!externalId && externalId !== match.externalId;
    const action: RowAction = !match ? 'create' : changed || moved || hostChanged || newExternalId ? 'update' : 'unchanged';
    const changes: RowChange[] = [];
    if (action === 'update') {
      for (const [p] of WRITTEN_COLUMNS) {
        if (p === 'scheduleDays' || !(p in given || flagsGiven(p) || p === 'vacancies')) continue;
        if (sameJson(comparable(p, values[p]), comparable(p, match!.values[p]))) continue;
        changes.push({ field: RESOURCE_FIELD_LABELS[p] ?? p, from: shownValue(p, match!.values[p]), to: shownValue(p, values[p]) });
      }
      if (moved) changes.push({ field: '団体', from: match!.organizationName, to: existingHost?.name ?? o.name });
      if (hostChanged && existingHost) changes.push(...hostChanges(existingHost, o, contact));
      if (newExternalId) changes.push({ field: '外部ID', from: match!.externalId ?? '（なし）', to: externalId! });
    }
    const prepared: PreparedRecord = {
      values,
      externalId,
      organization: {
        key: ownHost ? `@organization:${ownHost.id}` : searchName,
        id: ownHost?.id,
        name: existingHost?.name ?? o.name,
        searchName,
        kind: o.kind,
        kindLabel: o.kindLabel,
        area: (values.area as string) ?? null,
      },
      contact,
      contentHash: text.hash,
      titleTokens: text.tokens.title.join(' '),
      bodyTokens: text.tokens.body.join(' '),
      searchText: text.tokens.text,
      concepts: text.tokens.concepts,
      postings: text.tokens.postings,
      hashChanged: !match || match.contentHash !== text.hash,
      listValues: Object.fromEntries(LIVE_FIELDS.filter((f) => f in given).map((f) => [f, given[f]])),
    };
    return {
      row: record.row,
      action,
      messages: messages.map(publicMessage),
      record: action === 'unchanged' ? null : prepared,
      match: match ? { resourceId: match.id, by, label: `${match.organizationName} / ${String(match.values.title)}` } : null,
      changes,
      ...shown,
    };
  }

  /**
   * Vacancies and status are the host's to keep current (host portal), and placements move vacancies. A list brought
   * in again must not undo them. The list's value is taken only when the list changed it since the last import and
   * nobody changed it in the service since; otherwise the stored value stays, with a note giving the list's value.
   * Never imported (no baseline): the list's value is taken (vacancies still within what placements leave).
   */
  private keepLiveFields(
    match: ExistingResource,
    given: Record<string, unknown>,
    values: Record<string, unknown>,
    messages: CellMessage[],
  ) {
    for (const field of LIVE_FIELDS) {
      const baseline = match.baseline?.[field];
      if (!(field in given) || !baseline) continue;
      const current = match.values[field];
      if (sameJson(given[field], current)) continue;
      const listChanged = !sameJson(given[field], baseline.list);
      const liveChanged = !sameJson(current, baseline.live);
      if (listChanged && !liveChanged) continue;
      values[field] = current;
      messages.push(
        field === 'vacancies'
          ? {
              column: '空き',
              value: String(given[field]),
              message: `受入先が更新した空き数（${current}）は変えません（一覧では ${given[field]}）`,
              level: 'warning',
            }
          : {
              column: '状態',
              value: shownValue('status', given[field]),
              message: `受入先が更新した状態（${shownValue('status', current)}）は変えません（一覧では ${shownValue('status', given[field])}）`,
              level: 'warning',
            },
      );
    }
  }

  /** The commit step (a job): the previewed rows, written in one transaction, then one embedding job. */
  async commitNow(id: string): Promise<void> {
    const state = await this.imports.find(id);
    if (!state || state.status !== 'committing') return;
    try {
      const rows = await this.imports.rows(id, ['create', 'update']);
      const prepared = rows.map((r) => ({ row: r, record: r.record as PreparedRecord }));
      const names = [...new Set(prepared.map((p) => p.record.organization.searchName))];
      const ownHostIds = [...new Set(prepared.map((p) => p.record.organization.id).filter((x): x is string => !!x))];
      const current = await this.imports.organizationsByName(names, [], ownHostIds);
      const currentByName = new Map(current.filter((h) => h.searchName).map((h) => [h.searchName, h]));
      const currentById = new Map(current.map((h) => [h.id, h]));
      const organizations = new Map<string, WriteOrganization>();
      for (const { record } of prepared) {
        const o = record.organization;
        const host = o.id ? currentById.get(o.id) : currentByName.get(o.searchName);
        const previous = organizations.get(o.key);
        const contact = record.contact ?? previous?.contact ?? host?.contact ?? {};
        const kind = o.kind ?? previous?.kind ?? host?.kind ?? 'other';
        const kindLabel = o.kind !== undefined ? (o.kindLabel ?? null) : (previous?.kindLabel ?? host?.kindLabel ?? null);
        organizations.set(o.key, {
          key: o.key,
          name: host?.name ?? o.name,
          searchName: o.searchName,
          kind,
          kindLabel,
          area: o.area,
          contact,
          externalId: null,
          id: host?.id ?? null,
          changed: !!host && (kind !== host.kind || kindLabel !== host.kindLabel || !sameJson(contact, host.contact)),
        });
      }
      const toWrite = (p: { row: StoredRow; record: PreparedRecord }, resourceId: string): WriteRow => ({
        id: resourceId,
        organizationKey: p.record.organization.key,
        externalId: p.record.externalId,
        values: p.record.values,
        contentHash: p.record.contentHash,
        titleTokens: p.record.titleTokens,
        bodyTokens: p.record.bodyTokens,
        searchText: p.record.searchText,
        concepts: p.record.concepts,
        postings: p.record.postings,
        hashChanged: p.record.hashChanged,
        listValues: p.record.listValues,
      });
      const creates = prepared.filter((p) => p.row.action === 'create').map((p) => toWrite(p, randomUUID()));
      const updates = prepared.filter((p) => p.row.action === 'update').map((p) => toWrite(p, p.row.match!.resourceId));
      await this.imports.write(id, [...organizations.values()], creates, updates, state.summary as ImportSummary);
      await this.jobs.enqueueEmbedPending('import');
    } catch (err) {
      this.logger.error({ importId: id, err: String(err) }, 'import commit failed');
      await this.imports.fail(
        id,
        '確定の途中でエラーが起きたため、何も登録していません（すべて取り消しました）。もう一度取り込んでください。',
      );
    }
  }

  /** Reconcile: imports a crash left in 'parsing' or 'committing' get their job again. */
  async requeueUnfinished(): Promise<number> {
    const unfinished = await this.imports.unfinished();
    for (const u of unfinished) await this.jobs.enqueueImportStep(u.status === 'parsing' ? 'parse' : 'commit', u.id);
    return unfinished.length;
  }
}

/** The preview's names of the resource columns: the template's headers. */
const RESOURCE_FIELD_LABELS: Record<string, string> = {
  type: IMPORT_FIELDS.type[0],
  title: IMPORT_FIELDS.title[0],
  description: IMPORT_FIELDS.description[0],
  tasks: IMPORT_FIELDS.tasks[0],
  area: IMPORT_FIELDS.area[0],
  address: IMPORT_FIELDS.address[0],
  latitude: '緯度',
  longitude: '経度',
  nearestStation: IMPORT_FIELDS.nearestStation[0],
  accessMinutes: IMPORT_FIELDS.accessMinutes[0],
  schedule: IMPORT_FIELDS.days[0],
  frequencyNote: IMPORT_FIELDS.frequency[0],
  capacity: IMPORT_FIELDS.capacity[0],
  vacancies: IMPORT_FIELDS.vacancies[0],
  accommodations: IMPORT_FIELDS.accommodations[0],
  demandTalking: IMPORT_FIELDS.demandTalking[0],
  demandPhysical: IMPORT_FIELDS.demandPhysical[0],
  demandLiteracy: IMPORT_FIELDS.demandLiteracy[0],
  reward: IMPORT_FIELDS.reward[0],
  acceptsOutsideEligibility: IMPORT_FIELDS.acceptsOutsideEligibility[0],
  status: IMPORT_FIELDS.status[0],
};

/** A stored value as a coordinator reads it (labels, not codes; long text shortened). */
function shownValue(property: string, value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return '（空欄）';
  const labels: Record<string, Record<string, string>> = {
    type: RESOURCE_TYPE_LABELS,
    status: STATUS_LABELS,
    reward: REWARD_LABELS,
    demandTalking: DEMAND_LEVEL_LABELS,
    demandPhysical: DEMAND_LEVEL_LABELS,
    demandLiteracy: DEMAND_LEVEL_LABELS,
    accommodations: ACCOMMODATIONS,
  };
  if (property === 'schedule') return formatSchedule(value as Slot[]);
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
  if (Array.isArray(value)) return value.map((v) => labels[property]?.[String(v)] ?? String(v)).join('、');
  const text = labels[property]?.[String(value)] ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function hostChanges(
  host: { kind: string; kindLabel: string | null; contact: Record<string, string> },
  o: ImportRecord['organization'],
  contact: Record<string, string> | undefined,
): RowChange[] {
  const out: RowChange[] = [];
  const kindText = (kind: string, label: string | null) =>
    label ?? ORGANIZATION_KIND_LABELS[kind as keyof typeof ORGANIZATION_KIND_LABELS] ?? kind;
  if (o.kind !== undefined && (o.kind !== host.kind || (o.kindLabel ?? null) !== host.kindLabel))
    out.push({
      field: IMPORT_FIELDS.organizationKind[0],
      from: kindText(host.kind, host.kindLabel),
      to: kindText(o.kind, o.kindLabel ?? null),
    });
  const before = comparableContact(host.contact ?? {});
  const after = comparableContact(contact ?? {});
  for (const [key, label] of [
    ['person', IMPORT_FIELDS.contactPerson[0]],
    ['phone', IMPORT_FIELDS.phone[0]],
    ['email', IMPORT_FIELDS.email[0]],
  ] as const) {
    if ((before[key] ?? '') !== (after[key] ?? ''))
      out.push({ field: label, from: before[key] || '（空欄）', to: after[key] || '（空欄）' });
  }
  return out;
}

/** Values as compared for 「changed?」: slots in weekday order, text without surrounding spaces. */
function comparable(property: string, value: unknown): unknown {
  if (property === 'schedule' && Array.isArray(value)) {
    return [...(value as Array<{ day: Day; start: string; end: string }>)].sort(
      (a, b) => DAYS.indexOf(a.day) - DAYS.indexOf(b.day) || a.start.localeCompare(b.start) || a.end.localeCompare(b.end),
    );
  }
  return typeof value === 'string' ? value.trim() : value;
}

/** A stored phone number written another way (全角, spaces) is the same number. */
function comparableContact(contact: Record<string, string | undefined>): Record<string, string | undefined> {
  return contact.phone ? { ...contact, phone: parsePhone(contact.phone).value ?? contact.phone } : contact;
}

function publicMessage(m: CellMessage): CellMessage {
  return { column: m.column, value: m.value, message: m.message, level: m.level };
}

function summarise(rows: StoredRow[]): ImportSummary {
  const count = (a: RowAction) => rows.filter((r) => r.action === a).length;
  return {
    create: count('create'),
    update: count('update'),
    unchanged: count('unchanged'),
    refused: count('refused'),
    warnings: rows.reduce((n, r) => n + r.messages.filter((m) => m.level === 'warning').length, 0),
  };
}

/** Equality of stored values: arrays and objects by content, with keys in any order. */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

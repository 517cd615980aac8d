import ExcelJS from 'exceljs';
import {
  ACCOMMODATIONS,
  DEMAND_LEVEL_LABELS,
  ORGANIZATION_KIND_LABELS,
  RESOURCE_TYPE_LABELS,
  REWARD_LABELS,
} from '../common/catalogue.constants';
import type { Accommodation, DemandLevel, OrganizationKind, ResourceStatus, ResourceType, Reward } from '../common/catalogue.constants';
import { neutraliseCell, toCsvFile } from '../common/csv';
import { formatSchedule, STATUS_LABELS, type Slot } from './cell-parsers';
import { TEMPLATE_FIELDS, TEMPLATE_HEADERS, type ImportField } from './import.columns';

/** One resource as the export reads it (with its host). */
export interface ExportRow {
  id: string;
  externalId: string | null;
  organizationName: string;
  organizationKind: OrganizationKind;
  organizationKindLabel: string | null;
  contact: { person?: string; phone?: string; email?: string };
  type: ResourceType;
  title: string;
  description: string;
  tasks: string[];
  area: string;
  address: string | null;
  nearestStation: string | null;
  accessMinutes: number | null;
  schedule: Slot[];
  frequencyNote: string | null;
  capacity: number;
  vacancies: number;
  accommodations: string[];
  demandTalking: DemandLevel;
  demandPhysical: DemandLevel;
  demandLiteracy: DemandLevel;
  reward: Reward;
  acceptsOutsideEligibility: boolean;
  status: ResourceStatus;
}

/**
 * The template's cells of one resource, written so that the importer reads back exactly the same values:
 * canonical labels, the schedule as 「火 10:00-12:00、木 …」, the service's id when there is no external id.
 */
export function templateCells(r: ExportRow): Array<string | number> {
  const cells: Record<ImportField, string | number> = {
    externalId: r.externalId ?? r.id,
    organizationName: r.organizationName,
    organizationKind: r.organizationKindLabel ?? ORGANIZATION_KIND_LABELS[r.organizationKind],
    type: RESOURCE_TYPE_LABELS[r.type],
    title: r.title,
    description: r.description,
    tasks: r.tasks.join('、'),
    area: r.area,
    address: r.address ?? '',
    nearestStation: r.nearestStation ?? '',
    accessMinutes: r.accessMinutes ?? '',
    days: formatSchedule(r.schedule),
    frequency: r.frequencyNote ?? '',
    capacity: r.capacity,
    vacancies: r.vacancies,
    reward: REWARD_LABELS[r.reward],
    accommodations: r.accommodations.map((a) => ACCOMMODATIONS[a as Accommodation] ?? a).join('、'),
    demandTalking: DEMAND_LEVEL_LABELS[r.demandTalking],
    demandPhysical: DEMAND_LEVEL_LABELS[r.demandPhysical],
    demandLiteracy: DEMAND_LEVEL_LABELS[r.demandLiteracy],
    acceptsOutsideEligibility: r.acceptsOutsideEligibility ? '可' : '不可',
    status: STATUS_LABELS[r.status],
    contactPerson: r.contact.person ?? '',
    phone: r.contact.phone ?? '',
    email: r.contact.email ?? '',
    target: '',
    visit: '',
    accompany: '',
    trial: '',
    contact: '',
    notes: '',
    time: '',
  };
  return TEMPLATE_FIELDS.map((f) => cells[f]);
}

export function exportCsv(rows: ExportRow[]): string {
  return toCsvFile([TEMPLATE_HEADERS, ...rows.map(templateCells)]);
}

/** The same columns as an Excel sheet; text cells neutralised exactly as in the CSV (the importer undoes it). */
export async function exportXlsx(rows: ExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('社会資源リスト');
  sheet.addRow(TEMPLATE_HEADERS);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) sheet.addRow(templateCells(r).map((c) => (typeof c === 'number' ? c : neutraliseCell(c))));
  TEMPLATE_HEADERS.forEach((h, i) => (sheet.getColumn(i + 1).width = Math.max(10, Math.min(40, h.length * 3))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

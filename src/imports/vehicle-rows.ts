import { normalizePlate, normalizeUnitCode, searchKey } from '../vehicles/unit-code.js';
import { SHIFT_TYPES, type ShiftType } from '../vehicles/values.js';
import type { VehicleImportRow } from '../vehicles/import-store.js';
import { RowReader } from './cells.js';
import { mapHeader, type RowError } from './header.js';
import type { Table } from './table.js';
import { VEHICLE_COLUMNS, VEHICLE_REQUIRED_COLUMNS, type VehicleColumn } from './values.js';

export interface ParsedRows<T> {
  rows: T[];
  errors: RowError[];
}

/** "Long Shift", "long-shift" → long_shift. */
const choiceKey = (text: string) => text.trim().toLowerCase().replace(/[\s\-]+/g, '_');
const typeKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The units sheet as rows to write, or the problems of each row: a pure function of the table and
 * the vehicle types that exist. Empty optional cells (brand, a document date) are left out, so
 * re-importing a sheet without them leaves what is stored alone.
 */
export function parseVehicleRows(table: Table, typeNames: string[]): ParsedRows<VehicleImportRow> {
  const header = mapHeader<VehicleColumn>(table.header, VEHICLE_COLUMNS, VEHICLE_REQUIRED_COLUMNS);
  if (header.errors.length > 0) return { rows: [], errors: header.errors };
  const types = new Map(typeNames.map((name) => [typeKey(name), name]));
  const firstRowOf = new Map<string, number>();
  const rows: VehicleImportRow[] = [];
  const errors: RowError[] = [];
  for (const sheetRow of table.rows) {
    const cells = new RowReader(sheetRow, header.positions);
    const unitCode = cells.text('unit_code', { required: true, maxLength: 30 });
    const plate = cells.text('plate_number', { required: true, maxLength: 20 });
    const typeName = cells.text('vehicle_type', { required: true, maxLength: 50 });
    const shift = cells.text('shift_type', { required: true, maxLength: 20 });
    const brand = cells.text('brand', { maxLength: 60 });
    const documents = { stnk_expiry: cells.date('stnk_expiry'), kir_expiry: cells.date('kir_expiry'), pajak_expiry: cells.date('pajak_expiry') };

    const key = unitCode === null ? '' : searchKey(unitCode);
    if (unitCode !== null && key === '') cells.fail('unit_code', 'pattern', 'unit_code harus berisi huruf atau angka');
    if (plate !== null && searchKey(plate) === '') cells.fail('plate_number', 'pattern', 'plate_number harus berisi huruf atau angka');
    const vehicleType = typeName === null ? undefined : types.get(typeKey(typeName));
    if (typeName !== null && !vehicleType) cells.fail('vehicle_type', 'unknown_vehicle_type', `Tipe kendaraan "${typeName}" tidak dikenal. Pilihan: ${typeNames.join(', ')}`);
    const shiftType = shift === null ? undefined : SHIFT_TYPES.find((s) => s === choiceKey(shift));
    if (shift !== null && !shiftType) cells.fail('shift_type', 'unknown_shift_type', `shift_type "${shift}" tidak dikenal. Pilihan: ${SHIFT_TYPES.join(', ')}`);
    if (key !== '') {
      const first = firstRowOf.get(key);
      if (first !== undefined) cells.fail('unit_code', 'duplicate_in_file', `Nomor lambung ${unitCode} sudah ada di baris ${first}`);
      else firstRowOf.set(key, sheetRow.row);
    }

    if (cells.errors.length > 0) {
      errors.push(...cells.errors);
      continue;
    }
    const normalized = normalizeUnitCode(unitCode!);
    rows.push({
      row: sheetRow.row,
      unit_code: normalized,
      unit_code_key: key,
      plate_number: normalizePlate(plate!),
      vehicle_type: vehicleType!,
      shift_type: shiftType as ShiftType,
      ...(brand !== null && { brand: brand.replace(/\s+/g, ' ') }),
      ...Object.fromEntries(Object.entries(documents).filter(([, date]) => date !== null)),
    });
  }
  return { rows, errors };
}

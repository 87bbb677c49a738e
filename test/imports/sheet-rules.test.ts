import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarDay } from '../../src/imports/cells.js';
import { decodeCsv, detectSeparator } from '../../src/imports/csv.js';
import { mapHeader } from '../../src/imports/header.js';
import { inspectXlsxArchive } from '../../src/imports/zip-guard.js';
import { utf16WithBom, windows1252, zip } from './files.js';

describe('bulk import: the rules that read a sheet', () => {
  it('reads a day from an Excel date or from text, and refuses a day that does not exist', () => {
    assert.equal(calendarDay(new Date(Date.UTC(2026, 2, 31))), '2026-03-31');
    assert.equal(calendarDay('2026-3-5'), '2026-03-05');
    assert.equal(calendarDay('31/03/2026'), '2026-03-31');
    assert.equal(calendarDay('31.03.2026'), '2026-03-31');
    assert.equal(calendarDay('29/02/2028'), '2028-02-29', 'a leap day');
    for (const wrong of ['2026-02-30', '31/04/2026', '29/02/2026', '2026-13-01', 'besok', '46000']) assert.equal(calendarDay(wrong), undefined, wrong);
    assert.equal(calendarDay(46000), undefined, 'a bare number is not taken for a date');
  });

  it('detects the separator from the header line, outside quotes', () => {
    assert.equal(detectSeparator('a,b,c\n1;2;3;4;5'), ',');
    assert.equal(detectSeparator('a;b;c\n1,5;2,5'), ';');
    assert.equal(detectSeparator('a\tb\tc'), '\t');
    assert.equal(detectSeparator('"x,y,z";b;c'), ';');
  });

  it('decodes UTF-8, UTF-16 with a BOM and Windows-1252, and refuses binary', () => {
    assert.equal(decodeCsv(Buffer.from('\uFEFFnama\nAndré', 'utf8'))?.replace(/^\uFEFF/, ''), 'nama\nAndré');
    assert.equal(decodeCsv(windows1252('nama\nAndré')), 'nama\nAndré');
    assert.equal(decodeCsv(Buffer.from([0x93, 0x61, 0x94])), '\u201ca\u201d', 'Windows-1252 quotes, not Latin-1 controls');
    assert.equal(decodeCsv(utf16WithBom('nama\tumur\nWayan')), 'nama\tumur\nWayan');
    assert.equal(decodeCsv(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), undefined);
  });

  it('maps header names in any order and letter case', () => {
    const header = mapHeader(['Plate Number', ' UNIT_CODE ', '', 'x'], ['unit_code', 'plate_number', 'brand'], ['unit_code', 'brand']);
    assert.deepEqual([...header.positions], [['plate_number', 0], ['unit_code', 1]]);
    assert.deepEqual(header.errors.map((e) => `${e.column}:${e.code}`), ['x:unknown_column', 'brand:missing_column']);
  });

  it('measures a zip before anything inflates it in full', () => {
    const workbook = { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') };
    const sheet = { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<sheetData><row r="1"/><row r="2"><c/></row><rows/></sheetData>') };
    assert.deepEqual(inspectXlsxArchive(zip([workbook, sheet]), 1024), { ok: true, unpackedBytes: workbook.data.length + sheet.data.length, largestSheetRows: 2 });
    assert.deepEqual(inspectXlsxArchive(zip([workbook, { ...sheet, data: Buffer.alloc(2048) }]), 1024), { ok: false, reason: 'too_large' });
    assert.deepEqual(inspectXlsxArchive(zip([workbook, { ...sheet, data: Buffer.alloc(2048), declared: 100 }]), 1024), { ok: false, reason: 'too_large' }, 'a directory that lies');
    assert.deepEqual(inspectXlsxArchive(zip([workbook, { ...sheet, data: Buffer.alloc(50), declared: 100 }]), 1024), { ok: false, reason: 'corrupt' }, 'smaller than declared');
    assert.deepEqual(inspectXlsxArchive(zip([sheet]), 1024), { ok: false, reason: 'not_workbook' });
    assert.deepEqual(inspectXlsxArchive(Buffer.from('PK\x03\x04 not really'), 1024), { ok: false, reason: 'corrupt' });
  });
});

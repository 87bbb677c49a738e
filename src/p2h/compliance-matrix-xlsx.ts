/** The compliance matrix as an Excel sheet: the web page's colours, a letter in each cell so it prints in black and white. */
import ExcelJS from 'exceljs';
import { escapeFormula, headerFooterText } from '../lib/spreadsheet-safety.js';
import type { ComplianceMatrix } from './compliance-matrix.js';
import type { MatrixStatus } from './compliance-matrix-rules.js';
import type { P2hStatus } from './values.js';

/** Fill (ARGB) and letter per status; the web page uses the same colours (web/src/pages/admin/compliance-matrix.css). */
export const MATRIX_LOOK: Record<MatrixStatus, { argb: string; letter: string; label: string }> = {
  complete: { argb: 'FFC6EFCE', letter: 'L', label: 'Lengkap: semua slot diisi' },
  partial: { argb: 'FFFFEB9C', letter: 'S', label: 'Sebagian slot diisi' },
  missing: { argb: 'FFFFC7CE', letter: 'B', label: 'Belum ada P2H' },
  out_of_service: { argb: 'FFD9D9D9', letter: 'X', label: 'Tidak operasi (rusak / ditahan)' },
  future: { argb: 'FFFFFFFF', letter: '–', label: 'Belum terjadi' },
};

/** Appended to the letter: the day's worst report status. */
export const WORST_MARK: Record<P2hStatus, string> = { normal: '', warning: '*', abnormal: '!' };

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const thin: ExcelJS.Border = { style: 'thin', color: { argb: 'FF999999' } };

export async function complianceMatrixXlsx(matrix: ComplianceMatrix, companyName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'P2H';
  workbook.company = companyName;
  const sheet = workbook.addWorksheet(`Kepatuhan ${matrix.month}`, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddHeader: `&L${headerFooterText(companyName)}&RMatriks kepatuhan P2H ${matrix.month}` },
  });
  sheet.columns = [{ width: 14 }, ...matrix.days.map(() => ({ width: 4.5 }))];

  const header = sheet.addRow(['Unit', ...matrix.days.map((day) => Number(day.slice(8)))]);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center' };

  for (const unit of matrix.units) {
    const row = sheet.addRow([escapeFormula(unit.unit_code), ...unit.cells.map((c) => MATRIX_LOOK[c.status].letter + (c.worst ? WORST_MARK[c.worst] : ''))]);
    unit.cells.forEach((cell, index) => {
      const target = row.getCell(index + 2);
      target.fill = fill(MATRIX_LOOK[cell.status].argb);
      target.alignment = { horizontal: 'center' };
      target.border = { top: thin, left: thin, bottom: thin, right: thin };
      if (cell.worst === 'abnormal') target.font = { bold: true, color: { argb: 'FFC00000' } };
      else if (cell.worst === 'warning') target.font = { bold: true, color: { argb: 'FF9C5700' } };
    });
  }

  // The legend below the grid, so the sheet explains itself when printed.
  sheet.addRow([]);
  sheet.addRow([`${escapeFormula(companyName)} · Matriks kepatuhan P2H ${matrix.month}`]).font = { bold: true };
  for (const look of Object.values(MATRIX_LOOK)) {
    const row = sheet.addRow([look.letter, look.label]);
    row.getCell(1).fill = fill(look.argb);
    row.getCell(1).alignment = { horizontal: 'center' };
  }
  sheet.addRow([WORST_MARK.warning, 'Ada laporan WARNING hari itu']);
  sheet.addRow([WORST_MARK.abnormal, 'Ada laporan ABNORMAL hari itu']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

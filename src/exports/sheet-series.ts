/**
 * One logical table written to a streamed workbook as one sheet, or several when it passes Excel's
 * row limit ("Detail", "Detail 2", …): each row is committed at once, so nothing accumulates.
 */
import type ExcelJS from 'exceljs';
import { headerFooterText } from '../lib/spreadsheet-safety.js';

/** Excel's limit is 1 048 576 rows a sheet, the header included. */
export const MAX_DATA_ROWS_PER_SHEET = 1_048_575;

export interface ColumnSpec {
  header: string;
  /** In characters, as Excel measures. */
  width: number;
  /** Excel number format for dates and numbers (e.g. 'yyyy-mm-dd', '#,##0.0'). */
  numFmt?: string;
}

export type CellValue = string | number | Date | null;

export class SheetSeries {
  private sheet: ExcelJS.Worksheet | undefined;
  private rowsInSheet = 0;
  private sheetCount = 0;

  constructor(
    private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly name: string,
    private readonly columns: ColumnSpec[],
    /** Most data rows per sheet (tests pass a small one to see the split). */
    private readonly maxRows = MAX_DATA_ROWS_PER_SHEET,
    /** Printed at the top left of every page (the company's name, P2H_COMPANY_NAME). */
    private readonly printedHeading = '',
  ) {}

  addRow(values: CellValue[]): void {
    if (!this.sheet || this.rowsInSheet >= this.maxRows) this.openSheet();
    this.sheet!.addRow(values).commit();
    this.rowsInSheet += 1;
  }

  /** Writes out the last sheet; a table without rows still gets its sheet with the header. */
  async finish(): Promise<void> {
    if (!this.sheet) this.openSheet();
    await this.sheet!.commit();
  }

  private openSheet(): void {
    // Committing the previous sheet first: a streamed workbook writes its sheets one after another.
    if (this.sheet) void this.sheet.commit();
    this.sheetCount += 1;
    const title = this.sheetCount === 1 ? this.name : `${this.name} ${this.sheetCount}`;
    const lastColumn = columnLetter(this.columns.length);
    const sheet = this.workbook.addWorksheet(title, {
      views: [{ state: 'frozen', ySplit: 1 }],
      headerFooter: { oddHeader: `&L${headerFooterText(this.printedHeading)}&R${headerFooterText(title)}`, oddFooter: '&CHalaman &P / &N' },
    });
    sheet.autoFilter = `A1:${lastColumn}1`;
    sheet.columns = this.columns.map((column) => ({ width: column.width, style: column.numFmt ? { numFmt: column.numFmt } : {} }));
    const header = sheet.addRow(this.columns.map((column) => column.header));
    header.font = { bold: true };
    header.commit();
    this.sheet = sheet;
    this.rowsInSheet = 0;
  }
}

/** 1 → A, 26 → Z, 27 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

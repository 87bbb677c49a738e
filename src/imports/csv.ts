import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * CSV as spreadsheet programs save it: UTF-8 (with or without a BOM), UTF-16 with its BOM (Excel's
 * "Unicode text"), or Windows-1252 (Excel's "CSV" on a Windows set to Indonesian or English) when
 * the bytes are not valid UTF-8. Undefined when the bytes are not text at all.
 */
export function decodeCsv(bytes: Buffer): string | undefined {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      text = windows1252(body);
    }
  }
  // Control characters other than tab and line ends do not occur in a sheet saved as text.
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text.slice(0, 64 * 1024)) ? undefined : text;
}

// Windows-1252's 0x80–0x9F (€, curly quotes, dashes …); the rest is Latin-1. Node 20's TextDecoder
// reads this range as Latin-1 control characters, so the table is applied here.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function windows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (char) => CP1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

const SEPARATORS = [',', ';', '\t'] as const;
export type CsvSeparator = (typeof SEPARATORS)[number];

/** The separator the header line uses most (outside quotes): `;` where the decimal mark is a comma, as in Indonesia. */
export function detectSeparator(text: string): CsvSeparator {
  const counts = new Map<CsvSeparator, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as CsvSeparator)) counts.set(char as CsvSeparator, counts.get(char as CsvSeparator)! + 1);
  }
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

/**
 * The text as a worksheet, read by exceljs's CSV reader (fast-csv): every cell stays the text it was
 * (no guessing of numbers or dates, no formulas). `maxRows` lines at most are read: past it the sheet
 * is refused anyway, so the rest is never parsed.
 */
export async function readCsvSheet(text: string, maxRows: number): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  // Blank lines at the end are how editors end a file, not rows.
  const trimmed = text.replace(/[\r\n]+$/, '');
  return workbook.csv.read(Readable.from([trimmed]), {
    map: (datum: string) => datum,
    parserOptions: { delimiter: detectSeparator(trimmed), maxRows },
  });
}

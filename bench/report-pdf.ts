/**
 * report-pdf: drawing one report's PDF (src/p2h/pdf/render.ts) with the default checklist's 39
 * answers, 3 defects and 2 thumbnails each (320 px JPEGs, as the photos feature stores them).
 * No HTTP, no database: what the rendering itself costs. Run it alone (seconds):
 *
 *   node --import tsx bench/report-pdf.ts            # BENCH_PDFS (default 20) renders after 3 warm-ups
 *   BENCH_PDF_OUT=/tmp/report.pdf node --import tsx bench/report-pdf.ts   # also keep one to look at
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import checklist from '../src/checklist/default-checklist.json' with { type: 'json' };
import type { DefectView } from '../src/defects/types.js';
import { renderReportPdf } from '../src/p2h/pdf/render.js';
import type { ReportPdfInput } from '../src/p2h/pdf/types.js';
import type { ReportDetail } from '../src/p2h/types.js';

const thumb = () =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 80 }).toBuffer();

async function fixture(): Promise<ReportPdfInput> {
  const bad: Record<number, 'warning' | 'abnormal'> = { 2: 'warning', 11: 'abnormal', 30: 'warning' };
  const details: ReportDetail['details'] = checklist.items.map((item, i) => ({
    checklist_item_id: i + 1,
    section: item.section,
    item_name: item.item_name,
    status: bad[i] ?? 'normal',
    keterangan: bad[i] ? 'Perlu dicek mekanik sebelum unit jalan; pelapor sudah lapor ke pengawas' : null,
    photos: bad[i] ? [{ id: i * 10, width: 320, height: 240 }] : [],
  }));
  const report: ReportDetail = {
    id: 4812,
    vehicle: { id: 7, unit_code: 'DT-0142', plate_number: 'KT 8812 XY', vehicle_type: 'Light Vehicle', shift_type: 'shift', brand: 'Toyota Hilux' },
    user: { id: 12, full_name: 'Budi Santoso' },
    shift_number: 1,
    operational_date: '2026-01-21',
    submitted_at: '2026-01-20T22:42:00.000Z',
    odometer: 182340,
    overall_status: 'abnormal',
    inspected_at: null,
    location: null,
    client_submission_id: null,
    notifications: [],
    details,
  };
  const photo = await thumb();
  const defects = Object.entries(bad).map(([i, severity], n) => {
    const defect = {
      id: n + 1, vehicle_id: 7, unit_code: 'DT-0142', checklist_item_id: Number(i) + 1, item_name: details[Number(i)]!.item_name, severity, status: n === 0 ? 'repaired' : 'open',
      remark: details[Number(i)]!.keterangan, reported_count: 1, opened_at: report.submitted_at, opened_by_id: 12, opened_by_name: 'Budi Santoso', opened_report_id: 4812, last_report_id: 4812,
      assigned_to_id: null, assigned_to_name: n === 0 ? 'Agus Mekanik' : null, repaired_at: n === 0 ? '2026-01-21T03:00:00.000Z' : null, repair_note: n === 0 ? 'Diganti baru' : null,
      verified_at: null, closed_at: null, close_reason: null,
    } satisfies DefectView;
    return { defect, photos: [{ id: n * 2, width: 320, height: 240, bytes: photo }, { id: n * 2 + 1, width: 320, height: 240, bytes: photo }], morePhotos: 0 };
  });
  return { companyName: 'PT Tambang Maju Sejahtera', timeZone: 'Asia/Makassar', report, defects, printedAt: new Date('2026-01-21T08:00:00Z') };
}

const count = Number(process.env.BENCH_PDFS ?? 20);
const input = await fixture();
for (let i = 0; i < 3; i += 1) await renderReportPdf(input); // warm-up: font parsing, JIT
const times: number[] = [];
let bytes: Buffer = Buffer.alloc(0);
for (let i = 0; i < count; i += 1) {
  const started = performance.now();
  bytes = await renderReportPdf(input);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
console.log(`report-pdf: ${input.report.details.length} answers, ${input.defects.length} defects with 2 photos each`);
console.log(`  size ${(bytes.length / 1024).toFixed(1)} KiB; render p50 ${at(0.5)} ms, p95 ${at(0.95)} ms over ${count}; rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
if (process.env.BENCH_PDF_OUT) fs.writeFileSync(process.env.BENCH_PDF_OUT, bytes);

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { PDFParse } from 'pdf-parse';
import { jpegWithGps, uploadPhoto } from '../photos/images.js';
import { describeEachDatabase, type TestContext } from '../support/app.js';
import { createPhotos } from '../support/photos.js';

const COMPANY = 'PT Tambang Maju Sejahtera';

async function getPdf(ctx: TestContext, token: string, id: number | string) {
  const response = await ctx.app.http.inject({ method: 'GET', url: `/api/p2h/reports/${id}/pdf`, headers: { authorization: `Bearer ${token}` } });
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload, json: () => response.json() };
}

async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describeEachDatabase(
  'P2H report as PDF',
  (ctx) => {
    it('prints the company, unit, driver, every section, the final status in words, defects and signature lines; its reader may open it', async () => {
      const driver = await ctx().createUser('user', { name: 'Budi Santoso' });
      const viewer = await ctx().createUser('viewer');
      const vehicleId = await ctx().createVehicle({ unitCode: 'DT-0142', plate: 'KT 8812 XY' });
      const upload = await uploadPhoto(ctx(), driver.token, [{ data: await jpegWithGps(800, 600) }]);
      assert.equal(upload.status, 201, JSON.stringify(upload.body));
      // A photo whose file is gone: the PDF notes it and still renders.
      const [gone] = await createPhotos(ctx(), driver.id, 1);

      const items = await ctx().app.services.checklist.applicableItems('Light Vehicle');
      const details = items.map((item, i) => {
        if (i === 0) return { checklist_item_id: item.id, status: 'warning', keterangan: 'Lampu sein kiri redup' };
        if (i === 1) return { checklist_item_id: item.id, status: 'abnormal', keterangan: 'Rem tangan tidak menahan', photo_ids: [upload.body.payload.id, gone] };
        return { checklist_item_id: item.id, status: 'normal' };
      });
      const submitted = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: vehicleId, shift_number: 1, details } });
      assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
      const report = submitted.body.payload as { id: number; operational_date: string };

      for (const token of [driver.token, viewer.token]) {
        const pdf = await getPdf(ctx(), token, report.id);
        assert.equal(pdf.status, 200);
        assert.equal(pdf.headers['content-type'], 'application/pdf');
        assert.equal(pdf.headers['content-disposition'], `inline; filename="p2h-DT-0142-${report.operational_date}-shift1.pdf"`);
        assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      }

      const text = await pdfText((await getPdf(ctx(), driver.token, report.id)).bytes);
      const expected = [COMPANY, 'Laporan P2H (Pemeriksaan Harian)', 'DT-0142', 'KT 8812 XY', 'Budi Santoso', 'STOP OPERASI', 'Rem tangan tidak menahan', 'Lampu sein kiri redup', 'WARNING', 'Pengemudi', 'Pengawas', 'Mekanik', `Foto #${gone} tidak tersedia`, 'Halaman 1 /'];
      for (const section of new Set(items.map((item) => item.section))) expected.push(section);
      for (const words of expected) assert.ok(text.includes(words), `the PDF says "${words}"`);
    });

    it('refuses whom the report route refuses, the same way; an unknown id is 404 in the envelope', async () => {
      const owner = await ctx().createUser('user');
      const stranger = await ctx().createUser('user');
      const vehicleId = await ctx().createVehicle();
      const items = await ctx().app.services.checklist.applicableItems('Light Vehicle');
      const details = items.map((item) => ({ checklist_item_id: item.id, status: 'normal' }));
      ctx().clock.now = new Date('2026-01-22T07:00:00+08:00');
      const submitted = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: owner.token, body: { vehicle_id: vehicleId, details } });
      assert.equal(submitted.status, 201, JSON.stringify(submitted.body));

      const json = await ctx().request({ method: 'GET', url: `/api/p2h/reports/${submitted.body.payload.id}`, token: stranger.token });
      const pdf = await getPdf(ctx(), stranger.token, submitted.body.payload.id);
      assert.equal(json.status, 403);
      assert.equal(pdf.status, json.status);
      assert.deepEqual(pdf.json(), json.body);

      const unknown = await getPdf(ctx(), owner.token, 99_999_999);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json().success, false);
      assert.equal(unknown.json().payload.code, 'REPORT_NOT_FOUND');

      const anonymous = await ctx().app.http.inject({ method: 'GET', url: `/api/p2h/reports/${submitted.body.payload.id}/pdf` });
      assert.equal(anonymous.statusCode, 401);
    });
  },
  { P2H_COMPANY_NAME: COMPANY },
);

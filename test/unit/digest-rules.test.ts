import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../../src/lib/time.js';
import { digestEntries, digestGroupOf, packSections, type TextSection } from '../../src/notifications/digest-rules.js';
import { renderExpiryDigest } from '../../src/notifications/render-digest.js';
import type { ExpiringDocument } from '../../src/vehicles/documents.js';

const TODAY = '2026-12-01';
const doc = (unit: string, daysLeft: number, type: ExpiringDocument['document_type'] = 'stnk'): ExpiringDocument => ({
  vehicle_id: 1,
  unit_code: unit,
  plate_number: 'KT 1 AB',
  document_type: type,
  expiry_date: addDays(TODAY, daysLeft),
});

describe('expiry digest: which documents, in which group', () => {
  it('groups by days left: expired, ≤ 3 (the day itself included), ≤ 7, ≤ 14, ≤ 30, nothing further', () => {
    assert.equal(digestGroupOf(-1), 'expired');
    assert.equal(digestGroupOf(0), 'within3');
    assert.equal(digestGroupOf(3), 'within3');
    assert.equal(digestGroupOf(4), 'within7');
    assert.equal(digestGroupOf(7), 'within7');
    assert.equal(digestGroupOf(14), 'within14');
    assert.equal(digestGroupOf(30), 'within30');
    assert.equal(digestGroupOf(31), undefined);
  });

  it('without an earlier digest, every document within 30 days is listed, most urgent group first', () => {
    const entries = digestEntries([doc('B', 20), doc('A', -3), doc('C', 2), doc('D', 45)], TODAY);
    assert.deepEqual(
      entries.map((e) => `${e.document.unit_code}:${e.group}`),
      ['A:expired', 'C:within3', 'B:within30'],
    );
  });

  it('after yesterday’s digest: only documents that reached a threshold today, and every expired one', () => {
    const yesterday = addDays(TODAY, -1);
    const docs = [doc('AT30', 30), doc('AT29', 29), doc('AT14', 14), doc('AT13', 13), doc('AT7', 7), doc('AT1', 1), doc('AT0', 0), doc('GONE', -10)];
    assert.deepEqual(
      digestEntries(docs, TODAY, yesterday).map((e) => e.document.unit_code),
      ['GONE', 'AT0', 'AT1', 'AT7', 'AT14', 'AT30'],
    );
  });

  it('after downtime: a threshold passed while no digest ran is listed in the next one', () => {
    // Last digest five days ago, when the document was 12 days out (d14); now 7 days out (d7): listed.
    // One that was 25 days out then and is 20 now is still in the d30 slot: not listed again.
    const entries = digestEntries([doc('CROSSED', 7), doc('SAME', 20)], TODAY, addDays(TODAY, -5));
    assert.deepEqual(
      entries.map((e) => e.document.unit_code),
      ['CROSSED'],
    );
  });
});

describe('packing a digest into Telegram messages', () => {
  const sections = (n: number, width: number): TextSection[] => [
    { heading: '<b>Group A</b>', continued: '<b>Group A</b> (lanjutan)', lines: Array.from({ length: n }, (_, i) => `• ${String(i).padStart(width, '0')}`) },
  ];

  it('a text that fits is one message without a marker', () => {
    const parts = packSections('Title', sections(3, 4), 4096);
    assert.deepEqual(parts, ['Title\n<b>Group A</b>\n• 0000\n• 0001\n• 0002']);
  });

  it('cuts only between lines, repeats the heading, marks the parts, and uses as few messages as the text needs', () => {
    const limit = 200;
    const parts = packSections('Title', sections(60, 10), limit);
    assert.ok(parts.length > 1);
    parts.forEach((part, i) => {
      assert.ok(part.length <= limit, `part ${i + 1} is ${part.length} characters`);
      assert.ok(part.startsWith(`Title (${i + 1}/${parts.length})\n`), part);
      if (i > 0) assert.ok(part.includes('<b>Group A</b> (lanjutan)'), 'a continued group repeats its heading');
    });
    // Every line exactly once, in order, and whole.
    const lines = parts.flatMap((p) => p.split('\n').filter((l) => l.startsWith('• ')));
    assert.deepEqual(lines, sections(60, 10)[0]!.lines);
    // No part could have taken the next part's first line: the count is the fewest that fit.
    for (let i = 0; i + 1 < parts.length; i++) {
      const nextLine = parts[i + 1]!.split('\n').find((l) => l.startsWith('• '))!;
      assert.ok(parts[i]!.length + 1 + nextLine.length > limit, `part ${i + 1} had room for "${nextLine}"`);
    }
  });

  it('a heading is never left alone at the end of a part', () => {
    const parts = packSections('T', [{ heading: 'H1', lines: ['x'.repeat(40)] }, { heading: 'H2', lines: ['y'.repeat(40)] }], 60);
    assert.deepEqual(parts, [`T (1/2)\nH1\n${'x'.repeat(40)}`, `T (2/2)\nH2\n${'y'.repeat(40)}`]);
  });

  it('refuses a line that cannot fit in any message', () => {
    assert.throws(() => packSections('T', [{ heading: null, lines: ['z'.repeat(100)] }], 50), RangeError);
  });

  it('the rendered digest names unit, plate, document and date on each line, escaped, grouped in Indonesian', () => {
    const [message, ...rest] = renderExpiryDigest(digestEntries([doc('P.<1>', -2, 'kir'), doc('P.2', 7)], TODAY), TODAY);
    assert.equal(rest.length, 0);
    assert.match(message!, /⛔ <b>Sudah habis<\/b> \(1\)\n• <code>P\.&lt;1&gt;<\/code> · KT 1 AB · KIR · 29\/11\/2026 \(lewat 2 hari\)/);
    assert.match(message!, /🟠 <b>Habis ≤ 7 hari<\/b> \(1\)\n• <code>P\.2<\/code> · KT 1 AB · STNK · 08\/12\/2026 \(7 hari lagi\)/);
    assert.deepEqual(renderExpiryDigest([], TODAY), [], 'nothing to list: no message');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDateDmy, formatDateId, renderExpiryAlert, renderP2hAlert, renderTestMessage } from '../../src/notifications/render.js';
import { splitMessage, TELEGRAM_TEXT_LIMIT } from '../../src/notifications/split.js';
import type { P2hStatus } from '../../src/p2h/schema.js';
import type { ReportDetail } from '../../src/p2h/types.js';
import { parseHtml } from '../fake-telegram/formatting.js';

type Detail = ReportDetail['details'][number];

function report(overrides: Partial<Omit<ReportDetail, 'notifications'>> = {}, details?: Detail[]): ReportDetail {
  return {
    id: 7,
    notifications: [],
    vehicle: { id: 3, unit_code: 'P.309', plate_number: 'KT 1234 AB', vehicle_type: 'Light Vehicle', shift_type: 'shift', brand: 'Toyota Hilux' },
    user: { id: 11, full_name: 'Budi Santoso' },
    shift_number: 1,
    operational_date: '2026-01-21',
    submitted_at: '2026-01-20T22:42:00.000Z', // 06:42 WITA on 21 Jan
    odometer: 12345,
    overall_status: 'abnormal',
    inspected_at: null,
    location: null,
    client_submission_id: null,
    details: details ?? [
      item(1, 'OLI & RADIATOR', 'Oli mesin', 'normal', null),
      item(2, 'REM', 'Rem kaki', 'warning', 'Agak dalam'),
      item(3, 'LAMPU-LAMPU', 'Lampu utama', 'abnormal', 'Mati sebelah kiri'),
      item(4, 'RODA', 'Ban depan', 'warning', 'Aus'),
      item(5, 'BODY KABIN', 'Sabuk pengaman', 'abnormal', 'Putus'),
    ],
    ...overrides,
  };
}

function item(id: number, section: string, name: string, status: P2hStatus, keterangan: string | null): Detail {
  return { checklist_item_id: id, section, item_name: name, status, keterangan, photos: [] };
}

/** Parses like Telegram (throws on unbalanced tags or a bare `&`) and returns the visible text. */
const visible = (html: string) => parseHtml(html).text;

describe('P2H alert', () => {
  it('renders the abnormal alert one field per line, problem items abnormal first', () => {
    const html = renderP2hAlert(report(), { timeZone: 'Asia/Makassar' });
    assert.equal(
      html,
      [
        '❌ <b>HASIL P2H: ABNORMAL (STOP OPERASI)</b>',
        '━━━━━━━━━━━━━━━━━━━━',
        'Unit: <code>P.309</code>',
        'Tipe: Light Vehicle',
        'Merk / Plat: Toyota Hilux / KT 1234 AB',
        '📅 <b>Detail Pemeriksaan:</b>',
        'Tanggal: 21 Jan 2026',
        'Waktu: 06:42 WITA',
        'Shift: 1',
        'Pemeriksa: Budi Santoso',
        '📝 Status Akhir: <b>ABNORMAL</b>',
        '🔍 <b>Item Yang Bermasalah:</b>',
        '• <b>Lampu utama</b> — ABNORMAL',
        '  Keterangan: Mati sebelah kiri',
        '• <b>Sabuk pengaman</b> — ABNORMAL',
        '  Keterangan: Putus',
        '• <b>Rem kaki</b> — WARNING',
        '  Keterangan: Agak dalam',
        '• <b>Ban depan</b> — WARNING',
        '  Keterangan: Aus',
        '⚠️ Tindakan: Harap segera melakukan pengecekan unit di workshop terdekat.',
        '🚫 <b>JANGAN OPERASIKAN UNIT</b> sampai perbaikan selesai dan unit dinyatakan layak.',
        '━━━━━━━━━━━━━━━━━━━━',
        '<i>Notifikasi Sistem P2H</i>',
      ].join('\n'),
    );
    assert.doesNotThrow(() => parseHtml(html));
    assert.ok(!html.includes('Oli mesin'), 'normal items are not listed');
  });

  it('renders a warning alert without the stop-operation line', () => {
    const html = renderP2hAlert(
      report({ overall_status: 'warning' }, [item(1, 'REM', 'Rem kaki', 'warning', 'Agak dalam'), item(2, 'RODA', 'Ban', 'normal', null)]),
      { timeZone: 'Asia/Makassar' },
    );
    const lines = html.split('\n');
    assert.equal(lines[0], '⚠️ <b>HASIL P2H: WARNING (PERLU PERBAIKAN)</b>');
    assert.ok(lines.includes('📝 Status Akhir: <b>WARNING</b>'));
    assert.ok(lines.includes('• <b>Rem kaki</b> — WARNING'));
    assert.ok(!html.includes('JANGAN OPERASIKAN'));
    assert.ok(!html.includes('STOP OPERASI'));
    assert.ok(lines.includes('⚠️ Tindakan: Harap segera melakukan pengecekan unit di workshop terdekat.'));
  });

  it('leaves the brand out when there is none', () => {
    for (const brand of [null, '', '  ']) {
      const html = renderP2hAlert(report({ vehicle: { ...report().vehicle, brand } }), { timeZone: 'Asia/Makassar' });
      assert.ok(html.split('\n').includes('Plat: KT 1234 AB'), JSON.stringify(brand));
      assert.ok(!html.includes('Merk'));
    }
  });

  it('shows the time in the configured zone with its Indonesian abbreviation', () => {
    const jakarta = renderP2hAlert(report(), { timeZone: 'Asia/Jakarta' });
    assert.ok(jakarta.includes('\nWaktu: 05:42 WIB\n'));
    const jayapura = renderP2hAlert(report(), { timeZone: 'Asia/Jayapura' });
    assert.ok(jayapura.includes('\nWaktu: 07:42 WIT\n'));
  });

  it('dates the alert by the operational date (a night shift after midnight belongs to the previous day)', () => {
    const html = renderP2hAlert(
      report({ operational_date: '2026-08-31', submitted_at: '2026-08-31T18:30:00.000Z', shift_number: 3 }),
      { timeZone: 'Asia/Makassar' },
    );
    assert.ok(html.includes('\nTanggal: 31 Agu 2026\nWaktu: 02:30 WITA\nShift: 3\n'));
  });

  it('escapes every value', () => {
    const nasty = report({
      vehicle: { id: 3, unit_code: 'P<1>&', plate_number: 'KT <b>1</b>', vehicle_type: 'LV & "Bus"', shift_type: 'shift', brand: 'Toyota </code>' },
      user: { id: 11, full_name: 'Budi <i>' },
    }, [item(1, 'REM', 'Rem <kaki> & tangan', 'abnormal', '<script>alert(1)</script> & rusak &amp;')]);
    const html = renderP2hAlert(nasty, { timeZone: 'Asia/Makassar' });
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; rusak &amp;amp;'));
    assert.ok(html.includes('Unit: <code>P&lt;1&gt;&amp;</code>'));
    const text = visible(html); // would throw on a stray tag or bare `&`
    for (const raw of ['P<1>&', 'KT <b>1</b>', 'LV & "Bus"', 'Toyota </code>', 'Budi <i>', 'Rem <kaki> & tangan', '<script>alert(1)</script> & rusak &amp;']) {
      assert.ok(text.includes(raw), raw);
    }
  });

  it('keeps a multi-line remark indented under its item', () => {
    const html = renderP2hAlert(report({}, [item(1, 'REM', 'Rem', 'abnormal', 'baris satu\nbaris dua')]), { timeZone: 'Asia/Makassar' });
    assert.ok(html.includes('  Keterangan: baris satu\n  baris dua\n'));
  });

  it('refuses a NORMAL report', () => {
    assert.throws(() => renderP2hAlert(report({ overall_status: 'normal' }), { timeZone: 'Asia/Makassar' }), RangeError);
  });
});

describe('dates', () => {
  it('uses Indonesian month abbreviations', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
    months.forEach((name, i) => assert.equal(formatDateId(`2026-${String(i + 1).padStart(2, '0')}-05`), `5 ${name} 2026`));
    assert.equal(formatDateId('2024-02-29'), '29 Feb 2024');
  });
  it('writes expiry dates as dd/mm/yyyy', () => {
    assert.equal(formatDateDmy('2026-01-05'), '05/01/2026');
    assert.equal(formatDateDmy('2026-12-31'), '31/12/2026');
  });
});

describe('expiry alert', () => {
  const doc = { unit_code: 'P.309', plate_number: 'KT 1234 AB', document_type: 'stnk' as const, expiry_date: '2026-02-10' };
  const lineOf = (html: string, prefix: string) => html.split('\n').find((l) => l.startsWith(prefix));

  it('20 days ahead: a warning', () => {
    const html = renderExpiryAlert(doc, '2026-01-21');
    assert.equal(
      html,
      [
        '⚠️ <b>MASA BERLAKU STNK SEGERA HABIS</b>',
        '━━━━━━━━━━━━━━━━━━━━',
        'Unit: <code>P.309</code>',
        'Plat: KT 1234 AB',
        'Dokumen: STNK (Surat Tanda Nomor Kendaraan)',
        'Berlaku Sampai: 10/02/2026',
        'Sisa Waktu: <b>20 hari lagi</b>',
        'Urgensi: <b>⚠️ PERINGATAN</b>',
        '📌 Segera lakukan perpanjangan STNK unit <code>P.309</code> sebelum 10/02/2026.',
        '━━━━━━━━━━━━━━━━━━━━',
        '<i>Notifikasi Sistem P2H</i>',
      ].join('\n'),
    );
  });

  const cases: [today: string, daysLeft: string, urgency: string][] = [
    ['2026-02-02', '8 hari lagi', '⚠️ PERINGATAN'],
    ['2026-02-03', '7 hari lagi', '🚨 SANGAT SEGERA'],
    ['2026-02-09', '1 hari lagi', '🚨 SANGAT SEGERA'],
    ['2026-02-10', 'Hari ini (berakhir hari ini)', '🚫 SUDAH HABIS (STOP OPERASI)'],
    ['2026-02-13', 'SUDAH HABIS (3 hari yang lalu)', '🚫 SUDAH HABIS (STOP OPERASI)'],
  ];
  for (const [today, daysLeft, urgency] of cases) {
    it(`${today}: ${daysLeft}, ${urgency}`, () => {
      const html = renderExpiryAlert(doc, today);
      assert.equal(lineOf(html, 'Sisa Waktu:'), `Sisa Waktu: <b>${daysLeft}</b>`);
      assert.equal(lineOf(html, 'Urgensi:'), `Urgensi: <b>${urgency}</b>`);
      assert.ok(lineOf(html, '📌 Segera lakukan perpanjangan STNK'));
      assert.equal(html.split('\n')[0]!.slice(0, 2), urgency.slice(0, 2));
      visible(html);
    });
  }

  it('says an expired unit must not run', () => {
    assert.ok(renderExpiryAlert(doc, '2026-03-01').includes('Unit tidak boleh dioperasikan'));
  });

  it('names KIR and PAJAK', () => {
    assert.ok(renderExpiryAlert({ ...doc, document_type: 'kir' }, '2026-01-21').startsWith('⚠️ <b>MASA BERLAKU KIR SEGERA HABIS</b>'));
    const pajak = renderExpiryAlert({ ...doc, document_type: 'pajak' }, '2026-01-21');
    assert.ok(pajak.startsWith('⚠️ <b>MASA BERLAKU PAJAK SEGERA HABIS</b>'));
    assert.ok(pajak.includes('Segera lakukan perpanjangan PAJAK'));
  });

  it('escapes the unit and plate', () => {
    const html = renderExpiryAlert({ ...doc, unit_code: 'P<9>&', plate_number: 'KT "1" <x>' }, '2026-01-21');
    assert.ok(html.includes('<code>P&lt;9&gt;&amp;</code>'));
    assert.ok(visible(html).includes('Plat: KT "1" <x>'));
  });
});

describe('test message', () => {
  it('says the connection works and when', () => {
    const html = renderTestMessage(new Date('2026-01-20T22:42:00Z'), 'Asia/Makassar');
    assert.ok(html.startsWith('✅ <b>Tes koneksi P2H berhasil</b>'));
    assert.ok(html.includes('Waktu: 21 Jan 2026 06:42 WITA'));
    visible(html);
  });
});

/** Checks what Telegram would: each part within the limit, parses on its own, markers in order; returns the visible text of each part without its marker. */
function checkParts(parts: string[], limit: number): string[] {
  return parts.map((part, i) => {
    assert.ok(part.length <= limit, `part ${i + 1} has ${part.length} characters`);
    const text = visible(part); // throws on unbalanced tags, a cut tag or a cut entity
    assert.ok(text.trim().length > 0);
    if (parts.length === 1) return text;
    const marker = `(${i + 1}/${parts.length})\n`;
    assert.ok(text.startsWith(marker), `part ${i + 1} starts with ${marker}`);
    return text.slice(marker.length);
  });
}

/** The parts' visible texts put back together: a line break at a cut is the only thing dropped. */
function reassemble(texts: string[], original: string): string {
  let out = '';
  texts.forEach((text, i) => {
    out += text;
    if (i < texts.length - 1) while (original[out.length] === '\n') out += '\n';
  });
  return out;
}

describe('splitMessage', () => {
  it('returns a message within the limit unchanged', () => {
    const html = renderP2hAlert(report(), { timeZone: 'Asia/Makassar' });
    assert.deepEqual(splitMessage(html), [html]);
    const exact = 'x'.repeat(TELEGRAM_TEXT_LIMIT);
    assert.deepEqual(splitMessage(exact), [exact]);
  });

  it('splits a huge report: 60 problem items with 1000-character remarks full of <, & and emoji', () => {
    const remark = (n: number) => `Rusak <parah> & bocor 🚨👨‍🔧 #${n} `.repeat(40).slice(0, 1000);
    const details = Array.from({ length: 60 }, (_, i) =>
      item(i + 1, 'REM', `Item <${i + 1}> & co`, i % 3 === 0 ? 'abnormal' : 'warning', remark(i + 1)),
    );
    const html = renderP2hAlert(report({}, details), { timeZone: 'Asia/Makassar' });
    assert.ok(html.length > 60_000);
    const parts = splitMessage(html);
    assert.ok(parts.length > 15, `${parts.length} parts`);
    const texts = checkParts(parts, TELEGRAM_TEXT_LIMIT);
    const original = visible(html);
    assert.equal(reassemble(texts, original), original);
    // Items are whole lines, so every cut falls at a line break: each part ends and starts a line.
    for (const part of parts) assert.ok(!part.endsWith('\n'));
    assert.ok(parts[0]!.startsWith('(1/'));
    assert.ok(parts.at(-1)!.endsWith('<i>Notifikasi Sistem P2H</i>'));
  });

  it('cuts a 10 000-character line without spaces between characters, never inside an entity or an emoji', () => {
    const line = '&amp;<>😀👨‍👩‍👧x'.repeat(1000); // escaped below: & < > become entities
    const html = `Judul\n${line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}\nakhir`;
    const parts = splitMessage(html);
    const texts = checkParts(parts, TELEGRAM_TEXT_LIMIT);
    const original = visible(html);
    assert.equal(reassemble(texts, original), original);
    // Every part holds whole pieces of the line: `&amp;` as typed, `<`, `>`, and emoji (a ZWJ family included).
    for (const text of texts) {
      if (text === 'Judul' || text === 'akhir') continue; // a line too long for any part starts a fresh one
      assert.match(text.replace(/\nakhir$/, ''), /^(?:&amp;|<|>|😀|👨‍👩‍👧|x)+$/u);
    }
  });

  it('closes and reopens tags around a cut inside a 10 000-character bold line', () => {
    const html = `<b>${'tebal &amp; '.repeat(900)}</b> <code>${'x'.repeat(200)}</code>\n<i>catatan</i>`;
    assert.ok(html.length > 10_000);
    const parts = splitMessage(html);
    const texts = checkParts(parts, TELEGRAM_TEXT_LIMIT);
    const original = visible(html);
    assert.equal(reassemble(texts, original), original);
    for (const part of parts.slice(1, -1)) assert.match(part, /^\(\d\/\d\)\n<b>/);
    assert.match(parts[0]!, /<\/b>$/);
    // Spaces exist, so cuts fall after a word: no word is split.
    for (const text of texts) for (const word of text.split(/\s+/).filter(Boolean)) assert.ok(['tebal', '&', `${'x'.repeat(200)}`, 'catatan'].includes(word), word);
  });

  it('keeps tags with attributes and nested tags balanced', () => {
    const html = `<pre><code class="language-text">${'baris\n'.repeat(3000)}</code></pre>`;
    const parts = splitMessage(html);
    checkParts(parts, TELEGRAM_TEXT_LIMIT);
    for (const part of parts) assert.match(part, /^\(\d\/\d\)\n<pre><code class="language-text">[\s\S]*<\/code><\/pre>$/);
  });

  it('stays within small limits even when the markers need two digits', () => {
    const html = Array.from({ length: 80 }, (_, i) => `<b>${i}</b> baris &lt;${i}&gt; 🚨`).join('\n');
    for (const limit of [40, 64, 100, 333]) {
      const parts = splitMessage(html, limit);
      const texts = checkParts(parts, limit);
      assert.equal(reassemble(texts, visible(html)), visible(html));
      if (limit === 40) assert.ok(parts.length >= 10);
    }
  });

  it('drops blank lines at the top of a continuation part, never sends an empty part', () => {
    const html = `${'a'.repeat(50)}\n\n\n\n${'b'.repeat(50)}\n\n`;
    const parts = splitMessage(html, 60);
    assert.deepEqual(parts, [`(1/2)\n${'a'.repeat(50)}`, `(2/2)\n${'b'.repeat(50)}`]);
  });

  it('refuses a limit that cannot hold a single piece', () => {
    assert.throws(() => splitMessage(`<b>${'x'.repeat(50)}</b>`, 8), RangeError);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DefectView } from '../../src/defects/types.js';
import type { ReportDetail } from '../../src/p2h/types.js';
import type { Language } from '../../src/preferences/values.js';
import { renderLinkEnded } from '../../src/notifications/render-account.js';
import {
  renderBackInService,
  renderDefectAlert,
  renderDefectEscalation,
  renderDefectRepaired,
  takeButtons,
} from '../../src/notifications/render-defects.js';
import { daysLeftText, footer, renderExpiryAlert, renderP2hAlert, renderTestMessage } from '../../src/notifications/render.js';
import { parseHtml } from '../fake-telegram/formatting.js';

/** English that slipped into the Indonesian text (the "EXPIRY ALERT… Tanggal Expired", "Role: user", "1 days left"). */
const ENGLISH = [/expired/i, /\bALERT\b/i, /\bRole\b/i, /\bdays?\b/i, /\buser\b/i, /\bDate\b/, /\bTime\b/, /\bRemark\b/, /\bReported\b/, /\bNEW\b/, /\bTake\b/, /\bNote\b/, /\bValid\b/, /\bexpires\b/i, /\bby\b/i, /\bminutes?\b/i];
/** Indonesian in the English text. */
const INDONESIAN = [/\bhari\b/i, /\bTanggal\b/, /\bWaktu\b/, /\bSisa\b/, /\bBerlaku\b/i, /\bKeterangan\b/, /\bDilaporkan\b/, /\bTangani\b/, /\bNotifikasi\b/i, /\boleh\b/, /\blagi\b/, /\bPeran\b/, /\bPemeriksa\b/, /\bTipe\b/, /\bPlat\b/, /\bMerk\b/, /\bSelesai\b/, /\bdiperbaiki\b/i, /\bCatatan\b/, /\bHASIL\b/, /\bDokumen\b/, /\bUrgensi\b/, /\bSUDAH\b/i, /\bSegera\b/i, /\bTindakan\b/, /\bJANGAN\b/, /\bBARU\b/, /\bESKALASI\b/, /\bpukul\b/, /\bmenit\b/, /\bAkun\b/i, /\bUnit STOP OPERASI\b/];

const FOREIGN: Record<Language, RegExp[]> = { id: ENGLISH, en: INDONESIAN };

/** Telegram's view of the message (throws on broken HTML), checked for words of the other language. */
function assertOnly(language: Language, html: string, what: string) {
  const text = parseHtml(html).text;
  for (const word of FOREIGN[language]) assert.doesNotMatch(text, word, `${what} [${language}]: ${text}`);
}

// Data that reads the same in both languages, so only the template's words are checked.
const report = (status: 'abnormal' | 'warning'): ReportDetail => ({
  id: 7,
  notifications: [],
  vehicle: { id: 3, unit_code: 'P.309', plate_number: 'KT 1234 AB', vehicle_type: 'Light Vehicle', shift_type: 'shift', brand: 'Toyota Hilux' },
  user: { id: 11, full_name: 'Budi Santoso' },
  shift_number: 1,
  operational_date: '2026-05-21',
  submitted_at: '2026-05-20T22:42:00.000Z',
  odometer: 12345,
  overall_status: status,
  inspected_at: null,
  location: null,
  client_submission_id: null,
  details: [
    { checklist_item_id: 1, section: 'REM', item_name: 'Pedal', status: 'warning', keterangan: 'Aus', photos: [] },
    { checklist_item_id: 2, section: 'RODA', item_name: 'Ban', status, keterangan: null, photos: [] },
  ],
});

const defect: DefectView = {
  id: 12,
  vehicle_id: 3,
  unit_code: 'P.309',
  checklist_item_id: 2,
  item_name: 'Ban',
  severity: 'abnormal',
  status: 'repaired',
  remark: 'Bocor',
  reported_count: 1,
  opened_at: '2026-05-20T22:42:00.000Z',
  opened_by_id: 11,
  opened_by_name: 'Budi Santoso',
  opened_report_id: 7,
  last_report_id: 7,
  assigned_to_id: 4,
  assigned_to_name: 'Joko',
  repaired_at: '2026-05-21T02:00:00.000Z',
  repair_note: 'Ganti ban',
  verified_at: null,
  closed_at: null,
  close_reason: null,
};

const stnk = { unit_code: 'P.309', plate_number: 'KT 1234 AB', document_type: 'stnk' as const, expiry_date: '2026-06-10' };
const TZ = { timeZone: 'Asia/Makassar' };

/** Every renderer, in one language. */
function everyMessage(language: Language): [string, string][] {
  return [
    ['P2H ABNORMAL', renderP2hAlert(report('abnormal'), { ...TZ, language })],
    ['P2H WARNING', renderP2hAlert(report('warning'), { ...TZ, language })],
    ...(['2026-05-11', '2026-06-03', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-13'] as const).map(
      (today): [string, string] => [`expiry on ${today}`, renderExpiryAlert(stnk, today, language)],
    ),
    ['KIR', renderExpiryAlert({ ...stnk, document_type: 'kir' }, '2026-06-01', language)],
    ['pajak', renderExpiryAlert({ ...stnk, document_type: 'pajak' }, '2026-06-01', language)],
    ['test message', renderTestMessage(new Date('2026-05-20T22:42:00Z'), 'Asia/Makassar', language)],
    ['defect alert', renderDefectAlert({ reportId: 7, unitCode: 'P.309', reporterName: 'Budi Santoso', defects: [defect] }, { ...TZ, link: 'https://p2h.example/defects/12', language })],
    ['defect alert outside P2H', renderDefectAlert({ reportId: null, unitCode: 'P.309', reporterName: 'Budi Santoso', defects: [{ ...defect, severity: 'warning' }] }, { ...TZ, language })],
    ['take buttons', escapeForCheck(takeButtons([defect], language).inline_keyboard.flat().map((b) => b.text).join('\n'))],
    ['repaired', renderDefectRepaired(defect, { link: 'https://p2h.example/defects/12', language })],
    ['back in service', renderBackInService('P.309', language)],
    ['escalation 1', renderDefectEscalation(defect, 1, { ...TZ, language })],
    ['escalation 30', renderDefectEscalation(defect, 30, { ...TZ, language })],
    ...(['moved', 'deactivated', 'admin_reset', 'unlinked_web'] as const).map((reason): [string, string] => [`link ended: ${reason}`, renderLinkEnded(reason, language)]),
    ['footer', footer(language)],
    ...[-3, -1, 0, 1, 2, 30].map((days): [string, string] => [`days left ${days}`, daysLeftText(days, language)]),
  ];
}

const escapeForCheck = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

describe('alerts in two languages', () => {
  for (const language of ['id', 'en'] as const) {
    it(`every renderer in ${language === 'id' ? 'Indonesian' : 'English'} holds no word of the other language and parses as Telegram HTML`, () => {
      for (const [what, html] of everyMessage(language)) assertOnly(language, html, what);
    });
  }

  it('the two languages differ everywhere but in the data', () => {
    const id = everyMessage('id');
    const en = everyMessage('en');
    id.forEach(([what, html], i) => assert.notEqual(html, en[i]![1], what));
  });

  it('Indonesian stays the default, and keeps the first wave’s layout', () => {
    assert.equal(renderP2hAlert(report('abnormal'), TZ), renderP2hAlert(report('abnormal'), { ...TZ, language: 'id' }));
    assert.equal(renderExpiryAlert(stnk, '2026-06-01'), renderExpiryAlert(stnk, '2026-06-01', 'id'));
    assert.equal(takeButtons([defect]).inline_keyboard[0]![0]!.text, '🔧 Tangani #12 Ban');
    assert.equal(footer(), '<i>Notifikasi Sistem P2H</i>');
    const expiry = renderExpiryAlert(stnk, '2026-06-01').split('\n');
    assert.equal(expiry[0], '⚠️ <b>MASA BERLAKU STNK SEGERA HABIS</b>');
    assert.ok(expiry.includes('Berlaku Sampai: 10/06/2026'));
    assert.ok(expiry.includes('Sisa Waktu: <b>9 hari lagi</b>'));
  });

  it('English counts days and minutes in the singular and plural', () => {
    assert.equal(daysLeftText(1, 'en'), 'expires in 1 day');
    assert.equal(daysLeftText(9, 'en'), 'expires in 9 days');
    assert.equal(daysLeftText(0, 'en'), 'expires today');
    assert.equal(daysLeftText(-1, 'en'), 'EXPIRED (1 day ago)');
    assert.match(renderExpiryAlert(stnk, '2026-06-09', 'en'), /Time left: <b>expires in 1 day<\/b>/);
    assert.match(renderDefectEscalation(defect, 1, { ...TZ, language: 'en' }), /not taken for 1 minute<\/b>/);
    assert.match(renderP2hAlert(report('abnormal'), { ...TZ, language: 'en' }), /^❌ <b>P2H ALERT: ABNORMAL \(STOP OPERATION\)<\/b>\n[\s\S]*Date: 21 May 2026\n/);
    assert.deepEqual(takeButtons([defect], 'en').inline_keyboard[0], [{ text: '🔧 Take #12 Ban', callback_data: 'defect:take:12' }], 'the bot reads the same data in both');
  });
});

/** Records for audits: a report's PDF and the reports' Excel. */
export const idRecords = {
  'report.pdf': 'Unduh PDF',
  'report.pdfBusy': 'Menyiapkan PDF…',
  'report.pdfFailed': 'PDF tidak dapat diunduh: {reason}',
  'exports.downloadExcel': 'Unduh Excel',
  'exports.preparing': 'Menyiapkan Excel…',
  'exports.range': 'Laporan {from} – {to}',
  'exports.failed': 'File Excel gagal diunduh. Coba lagi sebentar lagi.',
  'exports.offline': 'File Excel gagal diunduh: tidak ada koneksi ke server.',
  'exports.badRange': 'File Excel gagal diunduh: tanggal akhir tidak boleh sebelum tanggal awal, dan rentang paling panjang 366 hari.',
  'exports.forbidden': 'Peran Anda tidak boleh mengunduh laporan.',
};

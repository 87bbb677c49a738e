/** The admin's notification log (Notifikasi). */
export const idNotifications = {
  'notifs.title': 'Log notifikasi',
  'notifs.status': 'Status',
  'notifs.type': 'Jenis',
  'notifs.allTypes': 'Semua jenis',
  'notifs.allStatuses': 'Semua status',
  'notifs.type.test': 'Uji coba',
  'notifs.created': 'Dibuat',
  'notifs.count': '{n} notifikasi',
  'notifs.queued': 'Terakhir dijadwalkan',
  'notifs.attempts': '{n} percobaan',
  'notifs.lastError': 'Kesalahan terakhir',
  'notifs.skipReason': 'Alasan tidak dikirim',
  'notifs.resend': 'Kirim ulang',
  'notifs.resent': 'Notifikasi #{id} dijadwalkan ulang (status: {status}).',
  'notifs.report': 'Laporan #{id}',
};

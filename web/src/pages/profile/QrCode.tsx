import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';

/**
 * The QR code of a link, drawn in the browser (no request to any QR service): the `qrcode` library is
 * loaded only when a code is first shown, so it costs nothing to the other pages.
 */
export function QrCode({ text, size = 232 }: { text: string; size?: number }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    setSrc(null);
    setFailed(false);
    import('qrcode')
      .then((qr) => qr.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } }))
      .then((svg) => {
        if (!cancelled) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [text]);
  if (failed) return null;
  if (!src) return <span className="spinner" aria-hidden="true" />;
  return <img className="qr" src={src} width={size} height={size} alt={t('tg.qrAlt')} />;
}

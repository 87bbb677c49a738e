import { useEffect, useState } from 'react';
import type { ReportLocation } from '../api/types';

/** OpenStreetMap at street level: a link only, the app never loads map tiles itself. */
export function mapLink(location: ReportLocation): string {
  const lat = location.latitude.toFixed(6);
  const lon = location.longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

/**
 * Where the phone is, asked once when the driver starts a checklist (the browser asks their
 * permission). A refusal, no GPS fix within the timeout or no geolocation at all: undefined, and the
 * report goes without a location; nothing else changes.
 */
export function useCurrentLocation(): ReportLocation | undefined {
  const [location, setLocation] = useState<ReportLocation>();
  useEffect(() => {
    if (!('geolocation' in navigator)) return;
    let alive = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        if (!alive) return;
        setLocation({
          latitude: position.coords.latitude,
          longitude: position.coords.longitude,
          accuracy_m: Math.min(100_000, Math.max(0, Math.round(position.coords.accuracy))),
        });
      },
      () => undefined,
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 5 * 60_000 },
    );
    return () => {
      alive = false;
    };
  }, []);
  return location;
}

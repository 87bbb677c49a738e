/** Report rows → what the API shows. */
import type { VehicleSummary } from '../vehicles/service.js';
import type { P2hReportRow } from './schema.js';
import type { DeliveryState, ReportSummary } from './types.js';

export function toSummary(row: P2hReportRow, vehicle: VehicleSummary, userName: string, notifications: DeliveryState[]): ReportSummary {
  return {
    id: row.id,
    vehicle: {
      id: vehicle.id,
      unit_code: vehicle.unit_code,
      plate_number: vehicle.plate_number,
      vehicle_type: vehicle.vehicle_type,
      shift_type: vehicle.shift_type,
      brand: vehicle.brand,
    },
    user: { id: row.userId, full_name: userName },
    shift_number: row.shiftNumber,
    operational_date: row.operationalDate,
    submitted_at: row.submittedAt.toISOString(),
    odometer: row.odometer === null ? null : Number(row.odometer),
    overall_status: row.overallStatus,
    inspected_at: row.inspectedAt?.toISOString() ?? null,
    location:
      row.latitude === null || row.longitude === null
        ? null
        : { latitude: row.latitude, longitude: row.longitude, accuracy_m: row.locationAccuracyM ?? 0 },
    client_submission_id: row.clientSubmissionId,
    notifications,
  };
}

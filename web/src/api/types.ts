/** Shapes of the P2H API (see /docs/json); snake_case as the server sends them. */
import type { KnownDefect } from './defects';

export type Role = 'superadmin' | 'admin' | 'user' | 'viewer' | 'mechanic';
export type P2hStatus = 'normal' | 'warning' | 'abnormal';
export type ShiftType = 'shift' | 'long_shift' | 'non_shift';
export type ComplianceColor = 'green' | 'yellow' | 'red';

export interface User {
  id: number;
  full_name: string;
  phone_number: string;
  email: string | null;
  role: Role;
  is_active: boolean;
  telegram_linked: boolean;
  created_at: string;
  updated_at: string;
}

export interface LoginResult {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  user: User;
}

export interface Page<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
}

export interface Vehicle {
  id: number;
  unit_code: string;
  plate_number: string;
  vehicle_type: string;
  shift_type: ShiftType;
  brand: string | null;
  assigned_driver_id: number | null;
  is_active: boolean;
  stnk_expiry: string | null;
  kir_expiry: string | null;
  pajak_expiry: string | null;
  /** The unit may not run: an ABNORMAL defect is open, or an admin holds it. */
  out_of_service: boolean;
  operational_status: 'ready' | 'out_of_service';
  out_of_service_reason: string | null;
  out_of_service_since: string | null;
}

export interface ChecklistItem {
  id: number;
  section: string;
  item_name: string;
  order: number;
  /** The live defect of this item on the unit (with ?vehicle_id=), so the driver confirms instead of retyping. */
  open_defect: KnownDefect | null;
}

export interface Compliance {
  vehicle_id: number;
  unit_code: string;
  plate_number: string;
  shift_type: ShiftType;
  operational_date: string;
  required_slots: number;
  done_slots: number[];
  /** Slots this user may still file now (the server's slot rule); empty for another day. */
  open_slots: number[];
  color: ComplianceColor;
  /** May not run: listed first, and not counted as missing a P2H. */
  out_of_service: boolean;
  out_of_service_reason: string | null;
}

export interface DeliveryState {
  id: number;
  type: string;
  /** pending, sending, sent, failed or skipped */
  status: string;
  recipient_kind: string | null;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
}

export interface ReportSummary {
  id: number;
  vehicle: { id: number; unit_code: string; plate_number: string; vehicle_type: string; shift_type: ShiftType; brand: string | null };
  user: { id: number; full_name: string };
  shift_number: number;
  operational_date: string;
  submitted_at: string;
  odometer: number | null;
  overall_status: P2hStatus;
  notifications: DeliveryState[];
}

export interface ReportAnswer {
  checklist_item_id: number;
  section: string;
  item_name: string;
  status: P2hStatus;
  keterangan: string | null;
}

export interface Report extends ReportSummary {
  details: ReportAnswer[];
}

export interface NewReport {
  vehicle_id: number;
  shift_number: number;
  odometer?: number | null;
  details: { checklist_item_id: number; status: P2hStatus; keterangan?: string | null }[];
}

export interface TelegramStatus {
  is_linked: boolean;
  telegram_chat_id: string | null;
  telegram_username: string | null;
  telegram_linked_at: string | null;
  is_reachable: boolean;
}

export interface TelegramLinkToken {
  token: string;
  url: string;
  expires_at: string;
}

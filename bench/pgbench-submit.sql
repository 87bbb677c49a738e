-- pgbench script: one P2H submission done straight in SQL, as one transaction (see bench/pgbench.ts).
-- Variables given with -D: :user_id (a seeded driver), :first_vehicle (lowest of the consecutive
-- seeded vehicle ids). bench_slot_seq (created by bench/pgbench.ts, starting at 0) hands every
-- transaction its own slot: number n is shift (n mod 3) + 1 of vehicle first_vehicle + n / 3, so
-- p2h_reports_slot_key is never violated. About 30% of reports carry one warning item with a remark.
\set bad random(1, 130)
BEGIN;
INSERT INTO p2h_reports (vehicle_id, user_id, shift_number, operational_date, submitted_at, odometer, overall_status)
SELECT :first_vehicle + s.n / 3, :user_id, s.n % 3 + 1, current_date, now(), 10000 + s.n % 80000,
       (CASE WHEN :bad <= 39 THEN 'warning' ELSE 'normal' END)::p2h_status
FROM (SELECT nextval('bench_slot_seq') AS n) s
RETURNING id AS report_id \gset
INSERT INTO p2h_report_details (report_id, checklist_item_id, section, item_name, status, keterangan)
SELECT :report_id, i.id, i.section, i.item_name,
       (CASE WHEN i.k = :bad THEN 'warning' ELSE 'normal' END)::p2h_status,
       CASE WHEN i.k = :bad THEN 'Rembes sedikit, perlu dicek mekanik' END
FROM (SELECT id, section, item_name, row_number() OVER (ORDER BY "order", id) AS k
      FROM checklist_items WHERE is_active) i;
END;

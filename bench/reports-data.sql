-- Data for bench/reports.sh: a year of the clinic's takings, the 365 clinic days up to @last (yyyy-MM-dd), on top of
-- the demo data: seven more clinicians (Monday to Saturday 09:00-17:00, so ten in all), 5,000 patients and 110,000
-- appointments, of which 100,000 completed, each with an issued invoice (one treatment line, a product line on every
-- fourth, one in ten paid only in half) and its payments (one in ten split between cash and card): about 125,000
-- invoice lines and 100,000 payments. The other 10,000 appointments are missed or cancelled. Sources are mixed.
-- Run by sqlite3 against the site's database after it has migrated and seeded its demo data:
--   sqlite3 -cmd ".parameter set @last \"'2026-11-30'\"" bench.db < reports-data.sql
-- Times are stored as the site stores them: UTC text 'yyyy-MM-dd HH:mm:ss'; clinic time is Asia/Karachi, UTC+05:00 all
-- year, hence the fixed '-5 hours'. Ids are given explicitly (above the demo data's) so that rows can refer to each
-- other without lookups. No time blocks: the reports read appointments only.
.bail on
BEGIN;

INSERT INTO Clinicians (DisplayName, Title, Bio, IsActive)
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 7)
SELECT 'Report Clinician ' || n, 'Benchmark', '', 1 FROM c;

-- .NET's DayOfWeek numbers Sunday 0, Monday 1 ... Saturday 6.
INSERT INTO WorkingHours (ClinicianId, DayOfWeek, Start, "End")
WITH RECURSIVE w(d) AS (SELECT 1 UNION ALL SELECT d + 1 FROM w WHERE d < 6)
SELECT c.Id, w.d, '09:00:00', '17:00:00' FROM Clinicians c, w WHERE c.DisplayName LIKE 'Report Clinician %';

CREATE TEMP TABLE bench_clinicians AS SELECT Id, ROW_NUMBER() OVER (ORDER BY Id) - 1 AS k FROM Clinicians WHERE IsActive = 1;
CREATE TEMP TABLE bench_treatments AS SELECT Id, ROW_NUMBER() OVER (ORDER BY Id) - 1 AS k FROM Treatments;
CREATE TEMP TABLE bench_base AS SELECT
    (SELECT COALESCE(MAX(Id), 0) FROM Patients) AS p,
    (SELECT COALESCE(MAX(Id), 0) FROM Appointments) AS a,
    (SELECT COALESCE(MAX(Id), 0) FROM Invoices) AS i,
    (SELECT COUNT(*) FROM bench_clinicians) AS clinicians,
    (SELECT COUNT(*) FROM bench_treatments) AS treatments;

INSERT INTO Patients (Id, FullName, PhoneE164, Email, CreatedUtc, UpdatedUtc, Version)
WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < 4999)
SELECT b.p + n + 1, 'Report Patient ' || n, '+92311' || printf('%07d', n), NULL, datetime('now'), datetime('now'),
       upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))
FROM p, bench_base b;

-- Visit n falls on day n % 365 back from @last, at a quarter hour from 09:00 clinic time, for clinician n % 10.
CREATE TEMP TABLE bench_visits AS
WITH RECURSIVE v(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM v WHERE n < 109999)
SELECT v.n,
       b.a + v.n + 1 AS AppointmentId,
       b.i + v.n + 1 AS InvoiceId,
       b.p + (v.n % 5000) + 1 AS PatientId,
       c.Id AS ClinicianId,
       t.Id AS TreatmentId,
       datetime(date(@last, '-' || (v.n % 365) || ' days') || ' 09:00:00', '-5 hours', '+' || (15 * ((v.n / 365) % 32)) || ' minutes') AS StartUtc,
       5000 + 500 * (v.n % 7) + CASE WHEN v.n % 4 = 0 THEN 2500 ELSE 0 END AS Total
FROM v
JOIN bench_base b
JOIN bench_clinicians c ON c.k = v.n % b.clinicians
JOIN bench_treatments t ON t.k = v.n % b.treatments;

INSERT INTO Appointments (Id, Reference, PatientId, ClinicianId, TreatmentId, StartUtc, EndUtc, Status, Source, CreatedUtc, UpdatedUtc, Version, CalendarSequence)
SELECT AppointmentId, 'BR-' || printf('%07d', n), PatientId, ClinicianId, TreatmentId, StartUtc, datetime(StartUtc, '+30 minutes'),
       CASE WHEN n < 100000 THEN 'Completed' WHEN n % 2 = 0 THEN 'NoShow' ELSE 'Cancelled' END,
       CASE n % 3 WHEN 0 THEN 'Online' WHEN 1 THEN 'Phone' ELSE 'WalkIn' END,
       datetime(StartUtc, '-3 days'), datetime(StartUtc, '+30 minutes'),
       upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
       0
FROM bench_visits;

INSERT INTO Invoices (Id, Number, Kind, Status, PatientId, AppointmentId, ClinicianId, DiscountKind, DiscountValue, SubtotalRupees, DiscountRupees,
                      TotalRupees, PaidRupees, ReleasedRupees, CreatedUtc, IssuedUtc, IssuedByName, Version)
SELECT InvoiceId, 'DC-' || strftime('%Y', StartUtc) || '-' || printf('%06d', n), 'Invoice', 'Issued', PatientId, AppointmentId, ClinicianId, 'None', 0,
       Total, 0, Total, CASE WHEN n % 10 = 7 THEN Total / 2 ELSE Total END, 0,
       datetime(StartUtc, '+30 minutes'), datetime(StartUtc, '+30 minutes'), 'Bench Reception',
       upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))
FROM bench_visits WHERE n < 100000;

INSERT INTO InvoiceLines (InvoiceId, Kind, Description, Quantity, UnitRupees, TreatmentId)
SELECT InvoiceId, 'Treatment', 'Treatment session', 1, 5000 + 500 * (n % 7), TreatmentId FROM bench_visits WHERE n < 100000;
INSERT INTO InvoiceLines (InvoiceId, Kind, Description, Quantity, UnitRupees, TreatmentId)
SELECT InvoiceId, 'Product', 'Hair serum', 1, 2500, NULL FROM bench_visits WHERE n < 100000 AND n % 4 = 0;

-- Payment methods as the Billing migration seeds them: 1 cash, 2 card, 3 bank transfer, 4 JazzCash, 5 Easypaisa.
INSERT INTO Payments (InvoiceId, PaymentMethodId, Kind, AmountRupees, Reference, TakenUtc, TakenByName)
SELECT InvoiceId,
       CASE WHEN n % 10 = 3 THEN 1 ELSE (n % 5) + 1 END,
       'Payment',
       CASE WHEN n % 10 = 7 THEN Total / 2 WHEN n % 10 = 3 THEN Total - 2000 ELSE Total END,
       CASE WHEN n % 10 = 3 OR n % 5 = 0 THEN NULL ELSE 'REF' || n END,
       datetime(StartUtc, '+30 minutes'), 'Bench Reception'
FROM bench_visits WHERE n < 100000;
INSERT INTO Payments (InvoiceId, PaymentMethodId, Kind, AmountRupees, Reference, TakenUtc, TakenByName)
SELECT InvoiceId, 2, 'Payment', 2000, 'TID' || n, datetime(StartUtc, '+31 minutes'), 'Bench Reception'
FROM bench_visits WHERE n < 100000 AND n % 10 = 3;

COMMIT;
ANALYZE;
SELECT 'Reports bench data up to ' || @last || ': '
       || (SELECT COUNT(*) FROM Invoices WHERE IssuedByName = 'Bench Reception') || ' invoices, '
       || (SELECT COUNT(*) FROM InvoiceLines) || ' invoice lines, '
       || (SELECT COUNT(*) FROM Payments WHERE TakenByName = 'Bench Reception') || ' payments, '
       || (SELECT COUNT(*) FROM Appointments WHERE Reference LIKE 'BR-%') || ' appointments, '
       || (SELECT COUNT(*) FROM Clinicians WHERE IsActive = 1) || ' clinicians';

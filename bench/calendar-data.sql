-- Data for bench/calendar.sh: on one clinic day (@day, yyyy-MM-dd), ten active clinicians (the three demo ones and
-- seven more, who work 09:00-17:00 that weekday) with 300 appointments between them: 30 each, every quarter hour from
-- 09:00, each with its own patient, treatments and statuses mixed. Run by sqlite3 against the site's database after
-- the site has migrated and seeded its demo data:   sqlite3 -cmd ".parameter set @day \"'2026-12-02'\"" bench.db < calendar-data.sql
-- Times are stored as the site stores them: UTC text 'yyyy-MM-dd HH:mm:ss'; clinic time is Asia/Karachi, UTC+05:00 all
-- year (no daylight saving), hence the fixed '-5 hours'. No time blocks are added: the calendar reads appointments only.
.bail on
BEGIN;

INSERT INTO Clinicians (DisplayName, Title, Bio, IsActive)
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 7)
SELECT 'Bench Clinician ' || n, 'Benchmark', '', 1 FROM c;

-- .NET's DayOfWeek and SQLite's %w agree: 0 is Sunday.
INSERT INTO WorkingHours (ClinicianId, DayOfWeek, Start, "End")
SELECT Id, CAST(strftime('%w', @day) AS INTEGER), '09:00:00', '17:00:00' FROM Clinicians WHERE DisplayName LIKE 'Bench Clinician %';

CREATE TEMP TABLE bench_clinicians AS SELECT Id, ROW_NUMBER() OVER (ORDER BY Id) - 1 AS k FROM Clinicians WHERE IsActive = 1;
CREATE TEMP TABLE bench_treatments AS SELECT Id, ROW_NUMBER() OVER (ORDER BY Id) - 1 AS k FROM Treatments;

CREATE TEMP TABLE bench_slots AS
WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < 299)
SELECT s.n, c.Id AS ClinicianId,
       datetime(@day || ' 09:00:00', '-5 hours', '+' || (15 * (s.n % 30)) || ' minutes') AS StartUtc
FROM s JOIN bench_clinicians c ON c.k = s.n / 30;

INSERT INTO Patients (FullName, PhoneE164, Email, CreatedUtc, UpdatedUtc, Version)
SELECT 'Bench Patient ' || n, '+92300' || printf('%07d', n), NULL, datetime('now'), datetime('now'),
       upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))
FROM bench_slots;

INSERT INTO Appointments (Reference, PatientId, ClinicianId, TreatmentId, StartUtc, EndUtc, Status, Source, CreatedUtc, UpdatedUtc, Version, CalendarSequence)
SELECT 'BN-' || printf('%06d', s.n),
       (SELECT Id FROM Patients WHERE FullName = 'Bench Patient ' || s.n),
       s.ClinicianId,
       (SELECT Id FROM bench_treatments WHERE k = s.n % (SELECT COUNT(*) FROM bench_treatments)),
       s.StartUtc,
       datetime(s.StartUtc, '+15 minutes'),
       CASE s.n % 10 WHEN 1 THEN 'Arrived' WHEN 2 THEN 'Completed' WHEN 3 THEN 'NoShow' WHEN 4 THEN 'Cancelled' ELSE 'Booked' END,
       'Phone', datetime('now'), datetime('now'),
       upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
       0
FROM bench_slots s;

COMMIT;
SELECT 'Calendar bench data: ' || (SELECT COUNT(*) FROM Clinicians WHERE IsActive = 1) || ' clinicians, '
       || (SELECT COUNT(*) FROM Appointments WHERE StartUtc >= datetime(@day, '-5 hours') AND StartUtc < datetime(@day, '+19 hours'))
       || ' appointments on ' || @day;

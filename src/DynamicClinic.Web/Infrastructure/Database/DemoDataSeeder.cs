using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Domain.Treatments;
using DynamicClinic.Web.Features;
using DynamicClinic.Web.Features.Scheduling;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Infrastructure.Database;

/// <summary>
/// Demo data for Development: treatments, three clinicians with working hours, one staff account per
/// role and a few appointments. Never runs outside Development (see <see cref="DatabaseStartup"/>).
/// Safe to run again: it only adds what is missing.
/// </summary>
public sealed class DemoDataSeeder(ClinicDbContext db, UserManager<StaffUser> users, ClinicClock clock, AppointmentBooking booking)
{
    /// <summary>The password of every demo account; documented in the README, Development only.</summary>
    public const string DemoPassword = "Clinic-Demo-2026!";

    public const string AdminEmail = "admin@dynamicclinic.test";
    public const string ReceptionEmail = "reception@dynamicclinic.test";
    public const string ClinicianEmail = "dr.ayesha@dynamicclinic.test";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await SeedTreatmentsAsync(cancellationToken);
        await SeedStaffAsync();
        await SeedCliniciansAsync(cancellationToken);
        await SeedAppointmentsAsync(cancellationToken);
    }

    /// <summary>The treatments the clinic offers; also used by tests that need a realistic catalogue.</summary>
    public static IReadOnlyList<Treatment> ClinicTreatments() =>
    [
        new() { Slug = "general-consultation", Name = "General hair-loss consultation", Summary = "Not sure yet? A specialist assesses your hair loss and explains the options.", ConsultationMinutes = 30, SessionMinutes = 30, SortOrder = 0 },
        new() { Slug = "mesotherapy", Name = "Mesotherapy", Summary = "Micro-injections of a tailored vitamin and nutrient blend into the scalp.", ConsultationMinutes = 30, SessionMinutes = 45, SortOrder = 1 },
        new() { Slug = "prp-therapy", Name = "PRP therapy", Summary = "Your own platelet-rich plasma used to stimulate regrowth.", ConsultationMinutes = 30, SessionMinutes = 60, SortOrder = 2 },
        new() { Slug = "hair-transplant", Name = "Hair transplant", Summary = "A surgical, permanent option for advanced hair loss.", ConsultationMinutes = 45, SessionMinutes = 240, SortOrder = 3 },
        new() { Slug = "medications", Name = "Medications", Summary = "Prescribed treatment to slow hair loss, reviewed over time.", ConsultationMinutes = 20, SessionMinutes = 20, SortOrder = 4 },
    ];

    private async Task SeedTreatmentsAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Treatments.Select(t => t.Slug).ToListAsync(cancellationToken);
        db.Treatments.AddRange(ClinicTreatments().Where(t => !existing.Contains(t.Slug)));
        await db.SaveChangesAsync(cancellationToken);

        // Each course of treatment starts from its plan template (admins can change them later).
        var withPlans = await db.TreatmentPlanPhases.Select(p => p.TreatmentId).Distinct().ToListAsync(cancellationToken);
        foreach (var treatment in await db.Treatments.Where(t => !withPlans.Contains(t.Id)).ToListAsync(cancellationToken))
        {
            var template = PlanTemplates.ForTreatment(treatment.Slug) ?? [];
            for (var order = 0; order < template.Count; order++)
            {
                var phase = TreatmentPlanPhase.From(order, template[order]);
                phase.TreatmentId = treatment.Id;
                db.TreatmentPlanPhases.Add(phase);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedStaffAsync()
    {
        await EnsureUserAsync(AdminEmail, "Sana Malik (admin)", StaffRoles.Admin);
        await EnsureUserAsync(ReceptionEmail, "Bilal Ahmed (reception)", StaffRoles.Reception);
        await EnsureUserAsync(ClinicianEmail, "Dr Ayesha Khan", StaffRoles.Clinician);
    }

    private async Task<StaffUser> EnsureUserAsync(string email, string displayName, string role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Could not create demo account: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            await users.AddToRoleAsync(user, role);
        }

        return user;
    }

    private async Task SeedCliniciansAsync(CancellationToken cancellationToken)
    {
        if (await db.Clinicians.AnyAsync(cancellationToken))
        {
            return;
        }

        var treatments = await db.Treatments.ToListAsync(cancellationToken);
        var clinicianUser = await users.FindByEmailAsync(ClinicianEmail);

        var ayesha = new Clinician
        {
            DisplayName = "Dr Ayesha Khan",
            Title = "Dermatologist and hair-restoration specialist",
            Bio = "Leads the clinic's mesotherapy and PRP programmes.",
            StaffUserId = clinicianUser?.Id,
        };
        var omar = new Clinician
        {
            DisplayName = "Dr Omar Farooq",
            Title = "Hair-transplant surgeon",
            Bio = "Assesses patients for transplant and follows them through recovery.",
        };
        var hina = new Clinician
        {
            DisplayName = "Dr Hina Raza",
            Title = "Aesthetic physician",
            Bio = "Runs medication reviews and general hair-loss consultations.",
        };

        ayesha.Treatments.AddRange(treatments.Where(t => t.Slug is "general-consultation" or "mesotherapy" or "prp-therapy"));
        omar.Treatments.AddRange(treatments.Where(t => t.Slug is "general-consultation" or "hair-transplant" or "prp-therapy"));
        hina.Treatments.AddRange(treatments.Where(t => t.Slug is "general-consultation" or "medications" or "mesotherapy"));

        // Monday to Saturday with a lunch break; Dr Hina works mornings and Friday afternoons off.
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday })
        {
            ayesha.WorkingHours.Add(new WorkingHours { DayOfWeek = day, Start = new TimeOnly(10, 0), End = new TimeOnly(13, 0) });
            ayesha.WorkingHours.Add(new WorkingHours { DayOfWeek = day, Start = new TimeOnly(14, 0), End = new TimeOnly(18, 0) });
            omar.WorkingHours.Add(new WorkingHours { DayOfWeek = day, Start = new TimeOnly(11, 0), End = new TimeOnly(13, 30) });
            omar.WorkingHours.Add(new WorkingHours { DayOfWeek = day, Start = new TimeOnly(15, 0), End = new TimeOnly(19, 0) });
            hina.WorkingHours.Add(new WorkingHours { DayOfWeek = day, Start = new TimeOnly(10, 0), End = new TimeOnly(14, 0) });
            if (day != DayOfWeek.Friday)
            {
                hina.WorkingHours.Add(new WorkingHours { DayOfWeek = day, Start = new TimeOnly(15, 0), End = new TimeOnly(17, 0) });
            }
        }

        db.Clinicians.AddRange(ayesha, omar, hina);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedAppointmentsAsync(CancellationToken cancellationToken)
    {
        if (await db.Appointments.AnyAsync(cancellationToken))
        {
            return;
        }

        var clinicians = await db.Clinicians.OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var treatments = await db.Treatments.ToDictionaryAsync(t => t.Slug, cancellationToken);
        var patients = new[]
        {
            new Patient { FullName = "Demo Patient One", PhoneE164 = "+923001110001", Email = "patient.one@example.test", CreatedUtc = clock.UtcNow, UpdatedUtc = clock.UtcNow },
            new Patient { FullName = "Demo Patient Two", PhoneE164 = "+923001110002", Email = "patient.two@example.test", CreatedUtc = clock.UtcNow, UpdatedUtc = clock.UtcNow },
            new Patient { FullName = "Demo Patient Three", PhoneE164 = "+923001110003", CreatedUtc = clock.UtcNow, UpdatedUtc = clock.UtcNow },
        };
        db.Patients.AddRange(patients);
        await db.SaveChangesAsync(cancellationToken);

        // A few appointments on the next working days, inside the clinicians' hours.
        var day = clock.Today.AddDays(1);
        while (day.DayOfWeek == DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        (int Clinician, int Patient, string Treatment, int Hour, int Minute, AppointmentSource Source)[] plan =
        [
            (0, 0, "mesotherapy", 10, 0, AppointmentSource.Online),
            (0, 1, "general-consultation", 11, 0, AppointmentSource.Phone),
            (1, 2, "hair-transplant", 15, 0, AppointmentSource.Online),
            (2, 1, "medications", 10, 30, AppointmentSource.WalkIn),
        ];

        foreach (var (clinician, patient, slug, hour, minute, source) in plan)
        {
            var treatment = treatments[slug];
            var localStart = day.ToDateTime(new TimeOnly(hour, minute));
            var startUtc = TimeZoneInfo.ConvertTimeToUtc(localStart, clock.TimeZone);
            // Through the one booking core, like every other appointment: time blocks, audit and confirmation alike.
            var outcome = await booking.BookAsync(
                new BookingRequest(
                    new BookingPatient.Existing(patients[patient].Id), clinicians[clinician].Id, treatment.Id, [startUtc],
                    TimeSpan.FromMinutes(treatment.ConsultationMinutes), source, BookingRules.Desk),
                cancellationToken);
            if (outcome is not Outcome.Done)
            {
                throw new InvalidOperationException($"The demo appointment at {localStart:yyyy-MM-dd HH:mm} could not be booked: {outcome.MessageOr("not found")}");
            }
        }
    }
}

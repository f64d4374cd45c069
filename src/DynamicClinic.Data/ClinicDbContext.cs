using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Billing;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Notes;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.SessionPlans;
using DynamicClinic.Domain.Settings;
using DynamicClinic.Domain.Treatments;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Data;

/// <summary>The clinic's one database: staff accounts (Identity) and the clinic's own records.</summary>
public class ClinicDbContext(DbContextOptions<ClinicDbContext> options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The keys that protect sign-in cookies, antiforgery tokens and booking attempts, shared by every instance of
    /// the site (a cookie issued by one server is read by another).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Treatment> Treatments => Set<Treatment>();

    public DbSet<Clinician> Clinicians => Set<Clinician>();

    public DbSet<WorkingHours> WorkingHours => Set<WorkingHours>();

    public DbSet<TimeOff> TimeOff => Set<TimeOff>();

    public DbSet<ClinicClosure> ClinicClosures => Set<ClinicClosure>();

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<ClinicianTimeBlock> ClinicianTimeBlocks => Set<ClinicianTimeBlock>();

    public DbSet<AppointmentManageToken> AppointmentManageTokens => Set<AppointmentManageToken>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<TreatmentPlanPhase> TreatmentPlanPhases => Set<TreatmentPlanPhase>();

    public DbSet<SessionPlan> SessionPlans => Set<SessionPlan>();

    public DbSet<SessionNote> SessionNotes => Set<SessionNote>();

    public DbSet<SessionNoteAmendment> SessionNoteAmendments => Set<SessionNoteAmendment>();

    /// <summary>The clinic's day-to-day settings: one row (see <see cref="ClinicSettings"/>).</summary>
    public DbSet<ClinicSettings> ClinicSettings => Set<ClinicSettings>();

    public DbSet<ClinicianPhoto> ClinicianPhotos => Set<ClinicianPhoto>();

    // Billing (Features/Billing): prices, invoices and their numbers, payments, prepaid courses, the drawer.
    public DbSet<TreatmentPrice> TreatmentPrices => Set<TreatmentPrice>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<BillingSettings> BillingSettings => Set<BillingSettings>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();

    public DbSet<InvoiceNumberCounter> InvoiceNumberCounters => Set<InvoiceNumberCounter>();

    public DbSet<PaymentMethod> PaymentMethods => Set<PaymentMethod>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<CoursePackage> CoursePackages => Set<CoursePackage>();

    public DbSet<CoursePackageUse> CoursePackageUses => Set<CoursePackageUse>();

    public DbSet<CashDrawerClose> CashDrawerCloses => Set<CashDrawerClose>();

    // Rooms, the waitlist and recalls (issue 17).
    public DbSet<Domain.Rooms.Room> Rooms => Set<Domain.Rooms.Room>();

    public DbSet<Domain.Rooms.RoomTimeBlock> RoomTimeBlocks => Set<Domain.Rooms.RoomTimeBlock>();

    public DbSet<Domain.Waitlist.WaitlistEntry> WaitlistEntries => Set<Domain.Waitlist.WaitlistEntry>();

    public DbSet<Domain.Waitlist.WaitlistOffer> WaitlistOffers => Set<Domain.Waitlist.WaitlistOffer>();

    public DbSet<Domain.Recalls.RecallAction> RecallActions => Set<Domain.Recalls.RecallAction>();

    // Messages (issue 14): what patients sent by WhatsApp or SMS.
    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();

    // Progress photos (issue 15): what was taken, and the bytes in a table of their own (read only when shown).
    public DbSet<Domain.Photos.ProgressPhoto> ProgressPhotos => Set<Domain.Photos.ProgressPhoto>();

    public DbSet<Domain.Photos.ProgressPhotoImage> ProgressPhotoImages => Set<Domain.Photos.ProgressPhotoImage>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// The audit trail and amendments are append-only, and a signed note never changes: whatever code path tries
    /// fails loudly instead of rewriting the record.
    /// </summary>
    private void RefuseAuditRewrites()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
            }
        }

        foreach (var entry in ChangeTracker.Entries<SessionNoteAmendment>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Note amendments cannot be changed or deleted.");
            }
        }

        foreach (var entry in ChangeTracker.Entries<SessionNote>())
        {
            var wasSigned = entry.State is EntityState.Modified or EntityState.Deleted
                && entry.Property(n => n.Status).OriginalValue == NoteStatus.Signed;
            if (wasSigned)
            {
                throw new InvalidOperationException("A signed note cannot be changed or deleted; add an amendment.");
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ClinicDbContext).Assembly);
        ClinicDbFunctions.Map(builder, sqlServer: Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC in the database; reading one back marks it as UTC so that
        // conversions to clinic time are never done from an "unspecified" kind.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }
}

namespace DynamicClinic.Domain.Audit;

/// <summary>The actions the audit trail records, as stable strings (they are stored and filtered on).</summary>
public static class AuditActions
{
    public const string AppointmentBooked = "appointment.booked";
    public const string AppointmentMoved = "appointment.moved";
    public const string AppointmentCancelled = "appointment.cancelled";
    public const string AppointmentStatusChanged = "appointment.status-changed";

    // Messages (issue 14): a patient's reply to a reminder (confirm, cancel, call me), STOP/START, a channel change.
    // Entity type Appointment or Patient; never the text the patient wrote, nor their number.
    public const string ReplyConfirmed = "reply.confirmed";
    public const string ReplyCancelled = "reply.cancelled";
    public const string ReplyCancelRefused = "reply.cancel-refused";
    public const string ReplyCallMe = "reply.call-me";
    public const string MessagesStopped = "patient.messages-stopped";
    public const string MessagesStarted = "patient.messages-started";

    public const string PatientViewed = "patient.viewed";
    public const string PatientUpdated = "patient.updated";
    public const string PatientMerged = "patient.merged";

    // Reception decided a record flagged "possible duplicate of ..." is someone else (ADR 0004). Entity type Patient,
    // id the flagged record; the summary and after name the other record by id only.
    public const string PatientDuplicateDismissed = "patient.duplicate-dismissed";

    public const string PlanCreated = "plan.created";
    public const string PlanCompleted = "plan.completed";
    public const string PlanDiscontinued = "plan.discontinued";

    public const string TimeBlocked = "clinician.time-blocked";
    public const string TimeUnblocked = "clinician.time-unblocked";

    // Administration, staff accounts (Features/Admin): who created, changed or unlocked which account.
    // Entity type StaffUser, entity id the account's user id; never a password in before or after.
    public const string StaffCreated = "staff.created";
    public const string StaffRolesChanged = "staff.roles-changed";
    public const string StaffDeactivated = "staff.deactivated";
    public const string StaffReactivated = "staff.reactivated";
    public const string StaffUnlocked = "staff.unlocked";
    public const string StaffPasswordReset = "staff.password-reset";
    public const string StaffPasswordChanged = "staff.password-changed";

    // Session notes (issue 6): reading, drafting, signing and amending a clinical note. Entries name the
    // appointment's reference and which fields changed, never the note's text or an amendment's reason.
    public const string NoteViewed = "note.viewed";
    public const string NoteDraftSaved = "note.draft-saved";
    public const string NoteSigned = "note.signed";
    public const string NoteAmended = "note.amended";

    // Administration, schedules and treatments (Features/Admin): clinicians' profiles, weekly hours and time off
    // (entity type Clinician, id the clinician's id; time off reuses TimeBlocked and TimeUnblocked), clinic-wide
    // closures (entity type ClinicClosure, id the date as yyyy-MM-dd) and treatments (entity type Treatment, id the treatment's id).
    public const string ClinicianProfileUpdated = "clinician.profile-updated";
    public const string ClinicianHoursChanged = "clinician.hours-changed";
    public const string ClosureAdded = "clinic.closure-added";
    public const string ClosureRemoved = "clinic.closure-removed";
    public const string TreatmentCreated = "treatment.created";
    public const string TreatmentUpdated = "treatment.updated";

    // Two-factor sign-in for staff (Features/Staff, StaffTwoFactor): a staff member turning it on or off or making new
    // recovery codes, and an admin resetting it for a lost phone. Entity type StaffUser, entity id the account's user id;
    // before and after hold the on/off state and how many recovery codes, never a key or a code.
    public const string StaffTwoFactorEnabled = "staff.two-factor-enabled";
    public const string StaffTwoFactorDisabled = "staff.two-factor-disabled";
    public const string StaffRecoveryCodesRegenerated = "staff.recovery-codes-regenerated";
    public const string StaffTwoFactorReset = "staff.two-factor-reset";

    // A sign-in with a recovery code instead of the authenticator: a sign that the phone may be lost, so the security
    // review finds it here. Entity type StaffUser; before and after hold how many codes were left, never a code.
    public const string StaffRecoveryCodeUsed = "staff.recovery-code-used";

    // Administration, clinic settings and clinician photos (Features/Admin, SettingsController and
    // ClinicianPhotosController): the settings row (entity type ClinicSettings, id 1; before and after hold every
    // setting) and a clinician's photo (entity type Clinician, id the clinician's id; before and after hold the photo's
    // type and size, never its bytes).
    public const string ClinicSettingsChanged = "clinic.settings-changed";
    public const string ClinicianPhotoChanged = "clinician.photo-changed";
    public const string ClinicianPhotoRemoved = "clinician.photo-removed";

    // Privacy requests (Features/Privacy): a patient's data exported, the record erased, anonymised or kept on
    // request. Entity type Patient, id the patient's id. Entries name the format or the decision and hold the
    // staff member's reason, never the exported data or the contact details removed.
    public const string PatientExported = "patient.exported";
    public const string PatientErased = "patient.erased";
    public const string PatientAnonymised = "patient.anonymised";
    public const string PatientRetained = "patient.retained";

    // The clinician's chart (issue 15): a clinician who does not treat the patient gave a reason to open the chart
    // ("break the glass"; entity type Patient, after holds the reason, which admins read in the audit log), and the
    // patient's clinical details or photo consent changed (before and after name the fields changed, never their values).
    public const string ChartOpenedWithReason = "patient.chart-opened-with-reason";
    public const string ChartDetailsUpdated = "patient.chart-updated";

    // Progress photos (Features/Photos): photos uploaded at a visit (entity type Appointment, id the reference; after
    // holds the photos' ids and views), and a photo or a page of photos looked at (entity type ProgressPhoto).
    public const string PhotosUploaded = "photo.uploaded";
    public const string PhotoViewed = "photo.viewed";

    // Billing (Features/Billing): an invoice issued or cancelled by a credit note (entity type Invoice, id the invoice's
    // id), money taken or refunded (entity type Invoice; before and after hold the amount paid), a prepaid course's unused
    // sessions refunded (entity type CoursePackage) and the cash drawer closed (entity type CashDrawer, id the day).
    public const string InvoiceIssued = "invoice.issued";
    public const string InvoiceCredited = "invoice.credited";
    public const string PaymentTaken = "payment.taken";
    public const string PaymentRefunded = "payment.refunded";
    public const string CourseRefunded = "course.refunded";
    public const string DrawerClosed = "drawer.closed";

    // Billing admin (Features/Billing/Admin): a treatment's new price or the consultation fee (entity type Treatment or
    // BillingSettings), a product or payment method added, changed or retired, the billing settings changed; and a
    // payment's receipt sent to the patient (entity type Invoice).
    public const string PriceSet = "billing.price-set";
    public const string ProductSaved = "billing.product-saved";
    public const string PaymentMethodSaved = "billing.method-saved";
    public const string BillingSettingsChanged = "billing.settings-changed";
    public const string ReceiptSent = "payment.receipt-sent";

    // The waitlist and recalls (Features/Waitlist, Features/Recalls): an entry added or removed, an offer taken or
    // declined (entity type WaitlistEntry, id the entry's id), and reception working a recall (entity type Recall,
    // id the patient's id; after holds the kind, due date and outcome).
    public const string WaitlistAdded = "waitlist.added";
    public const string WaitlistRemoved = "waitlist.removed";
    public const string WaitlistOfferAccepted = "waitlist.offer-accepted";
    public const string WaitlistOfferDeclined = "waitlist.offer-declined";
    public const string WaitlistOfferReply = "waitlist.offer-reply";
    public const string RecallActioned = "recall.actioned";

    // Rooms (Features/Rooms): a room added, or taken out of use and back. Entity type Room, id the room's id.
    public const string RoomSaved = "room.saved";

    public static IReadOnlyList<string> All { get; } =
    [
        AppointmentBooked, AppointmentMoved, AppointmentCancelled, AppointmentStatusChanged,
        PatientViewed, PatientUpdated, PatientMerged, PatientDuplicateDismissed,
        TimeBlocked, TimeUnblocked,
        PlanCreated, PlanCompleted, PlanDiscontinued,
        StaffCreated, StaffRolesChanged, StaffDeactivated, StaffReactivated, StaffUnlocked, StaffPasswordReset, StaffPasswordChanged,
        NoteViewed, NoteDraftSaved, NoteSigned, NoteAmended,
        ClinicianProfileUpdated, ClinicianHoursChanged, ClosureAdded, ClosureRemoved, TreatmentCreated, TreatmentUpdated,
        StaffTwoFactorEnabled, StaffTwoFactorDisabled, StaffRecoveryCodesRegenerated, StaffTwoFactorReset, StaffRecoveryCodeUsed,
        ClinicSettingsChanged, ClinicianPhotoChanged, ClinicianPhotoRemoved,
        ReplyConfirmed, ReplyCancelled, ReplyCancelRefused, ReplyCallMe, MessagesStopped, MessagesStarted,
        PatientExported, PatientErased, PatientAnonymised, PatientRetained,
        ChartOpenedWithReason, ChartDetailsUpdated, PhotosUploaded, PhotoViewed,
        InvoiceIssued, InvoiceCredited, PaymentTaken, PaymentRefunded, CourseRefunded, DrawerClosed,
        PriceSet, ProductSaved, PaymentMethodSaved, BillingSettingsChanged, ReceiptSent,
        WaitlistAdded, WaitlistRemoved, WaitlistOfferAccepted, WaitlistOfferDeclined, RecallActioned, RoomSaved,
    ];
}

/// <summary>The kinds of record audit entries point at.</summary>
public static class AuditEntityTypes
{
    public const string Appointment = "Appointment";
    public const string Patient = "Patient";
    public const string Clinician = "Clinician";
    public const string StaffUser = "StaffUser";
    public const string SessionPlan = "SessionPlan";

    /// <summary>A clinical note; its entries use the appointment's reference as EntityId.</summary>
    public const string SessionNote = "SessionNote";

    /// <summary>A progress photo (id the photo's id), or a page of them (id the patient's id).</summary>
    public const string ProgressPhoto = "ProgressPhoto";
    public const string Treatment = "Treatment";
    public const string ClinicClosure = "ClinicClosure";

    /// <summary>The clinic's settings row (id 1).</summary>
    public const string ClinicSettings = "ClinicSettings";

    public const string Invoice = "Invoice";
    public const string CoursePackage = "CoursePackage";
    public const string Product = "Product";
    public const string PaymentMethod = "PaymentMethod";
    public const string BillingSettings = "BillingSettings";

    /// <summary>The cash drawer's close of a day (id the day as yyyy-MM-dd).</summary>
    public const string CashDrawer = "CashDrawer";

    public const string WaitlistEntry = "WaitlistEntry";

    public const string Room = "Room";

    /// <summary>A recall reception worked; the entity id is the patient's id.</summary>
    public const string Recall = "Recall";
}

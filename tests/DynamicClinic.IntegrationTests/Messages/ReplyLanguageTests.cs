using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;
using DynamicClinic.IntegrationTests.Infrastructure.Messaging;
using DynamicClinic.Web.Features.Messages;
using DynamicClinic.Web.Infrastructure.Email;

namespace DynamicClinic.IntegrationTests.Messages;

/// <summary>
/// The clinic's answers to patients' replies come in the patient's language: the appointment's for one appointment,
/// the offer's patient's for a waitlist offer (see <see cref="WaitlistOfferTextTests"/>), and on a shared number Urdu
/// only when everyone on it is Urdu. Inside Urdu, references, phones and times are isolated left to right.
/// </summary>
public class ReplyLanguageTests
{
    private const string Mobile = "+923001234567";
    private const string OtherMobile = "+923009876543";
    private const char Lri = '\u2066';
    private const char Pdi = '\u2069';

    [Fact]
    public async Task AnUrduAppointmentsConfirmCallMeAndLateCancelAreAnsweredInUrdu()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        // Saturday 28 November 2026, 06:00 in Islamabad.
        var appointment = await site.AddAppointmentAsync(Mobile, name: "Urdu Reply Patient", language: PatientLanguage.Urdu);
        var late = await site.AddAppointmentAsync(OtherMobile, name: "Urdu Late Patient", fromNow: TimeSpan.FromHours(2), language: PatientLanguage.Urdu);
        Assert.Equal(PatientLanguage.Urdu, appointment.Language);
        await site.Get<ReminderScheduler>().QueueDueRemindersAsync(CancellationToken.None);

        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.ur1", Mobile, "1"));
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.ur3", Mobile, "3"));
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.ur2", OtherMobile, $"2 {late.Reference}"));

        Assert.NotNull((await site.AppointmentAsync(appointment.Id)).PatientConfirmedUtc);
        Assert.Equal(AppointmentStatus.Booked, (await site.AppointmentAsync(late.Id)).Status);
        var answers = await AnswersAsync(site);
        Assert.Equal(3, answers.Count);
        Assert.All(answers, a => Assert.Equal("ur", a.Language));

        var confirmed = answers[0];
        Assert.Contains("تصدیق ہو گئی ہے", confirmed.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Lri}{appointment.Reference}{Pdi}", confirmed.TextBody, StringComparison.Ordinal);
        Assert.Contains($"ہفتہ 28 نومبر 2026، {Lri}06:00{Pdi} بجے", confirmed.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("confirmed", confirmed.TextBody, StringComparison.OrdinalIgnoreCase);

        var willCall = answers[1];
        Assert.Contains("فون کریں گے", willCall.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Lri}{appointment.Reference}{Pdi}", willCall.TextBody, StringComparison.Ordinal);

        var tooLate = answers[2];
        Assert.Equal(OtherMobile, tooLate.ToAddress);
        Assert.Contains("وقت گزر چکا ہے", tooLate.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Lri}{late.Reference}{Pdi}", tooLate.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Lri}+92", tooLate.TextBody, StringComparison.Ordinal); // the clinic's phone, left to right
        Assert.DoesNotContain("Please call", tooLate.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUrduOnlyFamilyNumberIsAskedWhichOneAndAnsweredStopAndStartInUrduNamingNobody()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        var mother = await site.AddAppointmentAsync(Mobile, name: "Urdu Mother", fromNow: TimeSpan.FromHours(20), language: PatientLanguage.Urdu);
        var son = await site.AddAppointmentAsync(Mobile, name: "Urdu Son", fromNow: TimeSpan.FromHours(21), language: PatientLanguage.Urdu);
        await site.Get<ReminderScheduler>().QueueDueRemindersAsync(CancellationToken.None);

        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.uf1", Mobile, "1"));
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.uf2", Mobile, "STOP"));
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.uf3", Mobile, "START"));

        Assert.Null((await site.AppointmentAsync(mother.Id)).PatientConfirmedUtc);
        var answers = await AnswersAsync(site);
        Assert.Equal(3, answers.Count);
        Assert.All(answers, a =>
        {
            Assert.Equal("ur", a.Language);
            Assert.DoesNotContain("Mother", a.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Son", a.TextBody, StringComparison.Ordinal);
        });

        var which = answers[0];
        Assert.Contains("آنے والی ملاقاتیں ہیں", which.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Lri}1 {mother.Reference}{Pdi}", which.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Lri}1 {son.Reference}{Pdi}", which.TextBody, StringComparison.Ordinal);
        Assert.Contains("نومبر", which.TextBody, StringComparison.Ordinal);

        Assert.Contains("کوئی پیغام نہیں آئے گا", answers[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("واٹس ایپ", answers[1].TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Lri}START{Pdi}", answers[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("دوبارہ ملیں گے", answers[2].TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Lri}STOP{Pdi}", answers[2].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFamilyNumberSharedByUrduAndEnglishPatientsIsAnsweredInEnglish()
    {
        await using var fake = new FakeProviders();
        await fake.StartAsync();
        await using var site = new MessagingAppFactory(fake);
        var mother = await site.AddAppointmentAsync(Mobile, name: "Mixed Mother", fromNow: TimeSpan.FromHours(20), language: PatientLanguage.Urdu);
        var son = await site.AddAppointmentAsync(Mobile, name: "Mixed Son", fromNow: TimeSpan.FromHours(21), language: PatientLanguage.English);
        await site.Get<ReminderScheduler>().QueueDueRemindersAsync(CancellationToken.None);

        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.mx1", Mobile, "1"));
        await site.PostWhatsAppAsync(MessagingAppFactory.WhatsAppText("wamid.mx2", Mobile, "STOP"));

        var answers = await AnswersAsync(site);
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a =>
        {
            Assert.Equal("en", a.Language);
            Assert.DoesNotContain(Lri, a.TextBody);
            Assert.DoesNotContain("Mixed", a.TextBody, StringComparison.Ordinal);
        });
        Assert.Contains("this number has 2 appointments coming up", answers[0].TextBody, StringComparison.Ordinal);
        Assert.Contains($"1 {mother.Reference} for ", answers[0].TextBody, StringComparison.Ordinal);
        Assert.Contains($"1 {son.Reference} for ", answers[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("no more messages from us by WhatsApp", answers[1].TextBody, StringComparison.Ordinal);
    }

    private static async Task<List<OutboxMessage>> AnswersAsync(MessagingAppFactory site) =>
        [.. (await site.OutboxAsync()).Where(m => m.Kind == PatientReplies.ReplyKind).OrderBy(m => m.Id)];
}

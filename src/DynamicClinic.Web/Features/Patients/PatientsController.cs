using System.Globalization;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>
/// Patient records for reception and admins: search, the record with its appointments and history, editing
/// contact details, and merging a duplicate into the record that stays. Clinicians have no access here; the record
/// page itself, which treating clinicians open too, is <see cref="PatientChartController"/>.
/// </summary>
[Authorize(Policy = Policies.FrontDesk)]
public sealed class PatientsController(PatientSearch search, PatientEditor editor, PatientMerger merger, PatientDuplicates duplicates)
    : StaffControllerBase
{
    public const int PageSize = PatientSearch.DefaultPageSize;

    private const string FlashKey = "Flash";
    private const string WarningKey = "Warning";

    [HttpGet("/staff/patients")]
    public async Task<IActionResult> Index(string? q, int page, CancellationToken cancellationToken)
    {
        var results = await search.SearchAsync(q, page, PageSize, cancellationToken);
        var openFlags = await duplicates.CountOpenAsync(cancellationToken);
        return View(new PatientSearchViewModel(results, TempData[FlashKey] as string, openFlags));
    }

    [HttpGet(PatientText.DuplicatesHref)]
    public async Task<IActionResult> Duplicates(CancellationToken cancellationToken) =>
        View(new PatientDuplicatesViewModel(await duplicates.ListAsync(cancellationToken), TempData[FlashKey] as string, TempData[WarningKey] as string));

    /// <summary>"Not the same person": clears the flagged record's possible-duplicate flag and goes back where it was asked from.</summary>
    [HttpPost("/staff/patients/{id:int}/not-duplicate")]
    public async Task<IActionResult> DismissDuplicate(int id, PatientDuplicateDismissForm form, CancellationToken cancellationToken)
    {
        // Only two places to go back to: never a caller-supplied address.
        var back = form.From == PatientDuplicateDismissForm.FromList ? PatientText.DuplicatesHref : PatientText.RecordHref(id);

        // A version that does not bind (a hand-made post) is treated like a stale one: nothing is changed.
        var outcome = ModelState.IsValid
            ? await duplicates.DismissAsync(id, form.Version, cancellationToken)
            : await duplicates.DismissAsync(id, Guid.Empty, cancellationToken);
        switch (outcome)
        {
            case Outcome.Done done:
                TempData[FlashKey] = done.Message;
                return Redirect(back);

            case Outcome.Changed changed:
                TempData[WarningKey] = changed.Message;
                return Redirect(back);

            default:
                return NotFound();
        }
    }

    [HttpGet("/staff/patients/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (await editor.FormForAsync(id, cancellationToken) is not (var form, var stored, var mergedInto))
        {
            return await editor.IsAnonymisedAsync(id, cancellationToken) ? AnonymisedRecord(id) : NotFound();
        }

        return mergedInto is null ? View(new PatientEditViewModel(form, stored, null)) : MergedAway(id, mergedInto.Value);
    }

    [HttpPost("/staff/patients/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, PatientEditForm form, CancellationToken cancellationToken)
    {
        if (await editor.FormForAsync(id, cancellationToken) is not (_, var stored, var mergedInto))
        {
            return await editor.IsAnonymisedAsync(id, cancellationToken) ? AnonymisedRecord(id) : NotFound();
        }

        if (mergedInto is not null)
        {
            return MergedAway(id, mergedInto.Value);
        }

        if (!ModelState.IsValid)
        {
            return View(new PatientEditViewModel(form, stored, null));
        }

        var (outcome, samePhone, current) = await editor.SaveAsync(id, form, cancellationToken);
        switch (outcome)
        {
            case Outcome.Done done:
                TempData[FlashKey] = done.Message;
                if (samePhone.Count > 0)
                {
                    TempData[WarningKey] = "Another active record has the same mobile number: "
                        + string.Join(", ", samePhone.Select(p => $"{p.FullName} (record {p.Id.ToString(CultureInfo.InvariantCulture)})"))
                        + ". If it is the same person, merge the records.";
                }

                return Redirect(PatientText.RecordHref(id));

            case Outcome.Changed when current is not null:
                // Keep what was typed, show what is stored now; saving again means choosing to replace it.
                form.Version = current.Version;
                return View(new PatientEditViewModel(form, current.Contact, current.Contact));

            case Outcome.Refused refused:
                // Merged into another record or anonymised meanwhile.
                TempData[WarningKey] = refused.Message;
                return Redirect(PatientText.RecordHref(id));

            default:
                return NotFound();
        }
    }

    [HttpGet("/staff/patients/{id:int}/merge")]
    public async Task<IActionResult> Merge(int id, int? other, string? q, int page, CancellationToken cancellationToken) =>
        await MergePageAsync(id, other, q, page, null, null, cancellationToken) ?? NotFound();

    [HttpPost("/staff/patients/{id:int}/merge")]
    public async Task<IActionResult> Merge(int id, PatientMergeForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await MergePageAsync(id, form.Other, null, 1, form, "Please check the choices below.", cancellationToken) ?? NotFound();
        }

        switch (await merger.MergeAsync(id, form, cancellationToken))
        {
            case Outcome.Done done:
                TempData[FlashKey] = done.Message;
                return Redirect(PatientText.RecordHref(id));

            case Outcome.Refused refused:
                return await MergePageAsync(id, form.Other, null, 1, form, refused.Message, cancellationToken) ?? NotFound();

            case Outcome.Changed changed:
                return await MergePageAsync(id, form.Other, null, 1, null, changed.Message, cancellationToken) ?? NotFound();

            default:
                return NotFound();
        }
    }

    /// <summary>The merge page: a search for the duplicate, or both records side by side. Null when the kept record does not exist.</summary>
    private async Task<IActionResult?> MergePageAsync(int id, int? other, string? q, int page, PatientMergeForm? form, string? problem, CancellationToken cancellationToken)
    {
        var candidates = await merger.CandidatesAsync(id, other ?? id, cancellationToken);
        if (!candidates.TryGetValue(id, out var kept))
        {
            return null;
        }

        PatientMergeCandidate? duplicate = null;
        if (other is { } otherId)
        {
            if (!candidates.TryGetValue(otherId, out duplicate))
            {
                problem ??= $"There is no patient record {otherId.ToString(CultureInfo.InvariantCulture)}. Find the duplicate below.";
            }
            else if (PatientMerger.Refusal(id, otherId, kept.MergedInto, duplicate.MergedInto, kept.Anonymised, duplicate.Anonymised) is { } refusal)
            {
                problem ??= refusal;
                duplicate = null;
            }
        }
        else if (kept.MergedInto is not null || kept.Anonymised)
        {
            problem ??= PatientMerger.Refusal(id, 0, kept.MergedInto, null, kept.Anonymised);
        }

        form ??= new PatientMergeForm();
        if (duplicate is not null)
        {
            form.Other = duplicate.Contact.Id;
            form.KeptVersion = kept.Version;
            form.OtherVersion = duplicate.Version;
        }

        var results = duplicate is null && kept.MergedInto is null ? await search.SearchAsync(q, page, PageSize, cancellationToken) : null;
        return View("Merge", new PatientMergeViewModel(kept.Contact, kept, duplicate, form, results, problem));
    }

    private RedirectResult MergedAway(int id, int into)
    {
        TempData[WarningKey] = PatientEditor.MergedAwayMessage(into);
        return Redirect(PatientText.RecordHref(id));
    }

    private RedirectResult AnonymisedRecord(int id)
    {
        TempData[WarningKey] = PatientEditor.AnonymisedMessage;
        return Redirect(PatientText.RecordHref(id));
    }
}

namespace DynamicClinic.Web.Features.Treatments;

/// <summary>
/// The patient-facing guide to one hair-loss treatment: what the public pages show. It is content, not
/// booking data: what can be booked, and for how long, lives in the database's <c>Treatments</c> table
/// under the same slug.
/// </summary>
public sealed record TreatmentGuide
{
    /// <summary>URL name (<c>/treatments/{slug}</c>, <c>/book?treatment={slug}</c>); matches the database's treatment slug.</summary>
    public required string Slug { get; init; }

    /// <summary>Short name for cards, tables and links, e.g. "PRP therapy".</summary>
    public required string Name { get; init; }

    /// <summary>The page's heading and &lt;title&gt;.</summary>
    public required string Title { get; init; }

    /// <summary>Meta description for search results; kept under about 160 characters so it isn't cut off.</summary>
    public required string MetaDescription { get; init; }

    /// <summary>One or two sentences for the treatment's card on the home and treatments pages.</summary>
    public required string Summary { get; init; }

    public required TreatmentComparison Comparison { get; init; }

    public required IReadOnlyList<string> WhatItIs { get; init; }

    public required IReadOnlyList<string> HowItWorks { get; init; }

    /// <summary>The procedure step by step, where the clinic's facts describe it.</summary>
    public IReadOnlyList<ProcedureStep> Steps { get; init; } = [];

    /// <summary>What goes into a customised blend, for treatments that use one.</summary>
    public IReadOnlyList<BlendIngredient> Blend { get; init; } = [];

    public required IReadOnlyList<string> Benefits { get; init; }

    public required IReadOnlyList<string> GoodCandidates { get; init; }

    public required IReadOnlyList<string> NotSuitableFor { get; init; }

    public required IReadOnlyList<string> Sessions { get; init; }

    /// <summary>A sentence that frames the side-effects list (how mild, how long), if the facts give one.</summary>
    public string? SideEffectsSummary { get; init; }

    public required IReadOnlyList<string> SideEffects { get; init; }

    public required IReadOnlyList<string> Aftercare { get; init; }

    public string PagePath => $"/treatments/{Slug}";

    public string BookingPath => $"/book?treatment={Slug}";
}

/// <summary>A bookable treatment's name and one-line summary as a patient reads them (no guide page of its own).</summary>
public sealed record TreatmentWords(string Slug, string Name, string Summary);

/// <summary>One row of the comparison table on <c>/treatments</c>.</summary>
public sealed record TreatmentComparison(string Invasiveness, string Recovery, string Effectiveness);

public sealed record ProcedureStep(string Name, string Description);

public sealed record BlendIngredient(string Name, string Purpose);

namespace DynamicClinic.Web.Features.Treatments;

/// <summary>
/// The four hair-loss treatment guides, written in our own words from the clinic's published facts about
/// its treatments. Where those facts are silent (sessions, side effects and aftercare for PRP, transplant
/// and medication) a guide sends the reader to their specialist rather than make a medical claim.
/// </summary>
public static class TreatmentCatalogue
{
    public const string MesotherapySlug = "mesotherapy";
    public const string PrpTherapySlug = "prp-therapy";
    public const string HairTransplantSlug = "hair-transplant";
    public const string MedicationsSlug = "medications";

    /// <summary>All guides, in the order the site lists them.</summary>
    public static IReadOnlyList<TreatmentGuide> All { get; } = [Mesotherapy(), PrpTherapy(), HairTransplant(), Medications()];

    /// <summary>The guide for <paramref name="slug"/>, ignoring case; <c>null</c> when there is none.</summary>
    public static TreatmentGuide? Find(string? slug) =>
        string.IsNullOrWhiteSpace(slug)
            ? null
            : All.FirstOrDefault(g => string.Equals(g.Slug, slug, StringComparison.OrdinalIgnoreCase));

    private static TreatmentGuide Mesotherapy() => new()
    {
        Slug = MesotherapySlug,
        Name = "Mesotherapy",
        Title = "Mesotherapy for hair loss",
        MetaDescription = "Mesotherapy at Dynamic Clinic, Islamabad: fine injections of a nutrient blend chosen for you, for early to moderate hair loss. No downtime.",
        Summary = "Fine injections of a nutrient blend chosen for you, placed in the scalp close to the hair follicles. Done in the clinic, with no downtime.",
        Comparison = new("Minimally invasive", "No downtime", "Early to moderate hair loss"),
        WhatItIs =
        [
            "Mesotherapy is a non-surgical treatment in which very fine injections place a blend of vitamins, minerals and other nutrients into the middle layer of the scalp's skin (the mesoderm), close to the hair follicles.",
            "It is minimally invasive and done here in the clinic, and you can go back to your normal day straight afterwards.",
            "The technique was developed in the 1950s by Michel Pistor, a French physician.",
        ],
        HowItWorks =
        [
            "Because the blend is placed where hair grows, its nutrients reach the follicles directly. The tiny injections themselves also prompt the scalp to increase its blood flow and make collagen.",
            "Your blend is put together for you, so it can differ from one patient to the next. A session follows four steps.",
        ],
        Steps =
        [
            new("Assessment", "Your specialist looks at the pattern of your hair loss and the health of your scalp, then chooses the formula for you."),
            new("Preparation", "The area to be treated is cleansed. A numbing cream can be applied first if you would like one."),
            new("Injection", "Many tiny injections are placed across the thinning area of the scalp."),
            new("Stimulation", "The small, controlled injury from the injections encourages the scalp to make collagen and sends more blood to the follicles."),
        ],
        Blend =
        [
            new("B-complex vitamins and biotin", "Vitamins delivered straight to the hair follicles."),
            new("Amino acids", "Help the follicles make keratin, the protein hair is built from."),
            new("Minerals such as zinc", "Part of the nutrient mix carried to the follicles."),
            new("Coenzymes and antioxidants", "Help calm inflammation in the scalp."),
            new("Hyaluronic acid", "Keeps the scalp hydrated."),
            new("DHT blockers", "Added to some blends only; your specialist will tell you whether yours includes them."),
        ],
        Benefits =
        [
            "Delivers nutrients right at the hair follicle.",
            "Improves blood flow in the scalp.",
            "Aims to wake up follicles that have become dormant.",
            "Strengthens the hair you already have.",
            "The blend is tailored to you, and some blends also block DHT.",
            "Hydrates the scalp.",
        ],
        GoodCandidates =
        [
            "Men and women with early to moderate hair loss.",
            "People with male or female pattern hair loss (androgenetic alopecia).",
            "People whose hair is thinning because of stress, poor nutrition or hormonal changes.",
            "Women losing hair after having a baby (postpartum hair loss).",
            "People whose hair grows slowly or whose strands are weak.",
        ],
        NotSuitableFor =
        [
            "People with complete baldness in the area to be treated.",
            "People whose scalp is heavily scarred.",
        ],
        Sessions =
        [
            "A course starts with 6 to 8 sessions, one week apart.",
            "A maintenance phase follows: one session a month for 3 to 6 months.",
            "Results usually start to show after 2 to 3 sessions. Your specialist will confirm the plan that suits you.",
        ],
        SideEffectsSummary = "Side effects are mild and temporary, and usually settle within 24 to 48 hours. You may notice:",
        SideEffects =
        [
            "Redness or slight swelling where the injections went in.",
            "Some itching or tenderness of the scalp.",
            "Light bruising.",
        ],
        Aftercare =
        [
            "After a session, wash your hair with a gentle shampoo and avoid harsh ones.",
            "Keep your scalp out of strong sun after a session: wear a hat or stay in the shade.",
            "If anything worries you after a session, call the clinic.",
        ],
    };

    private static TreatmentGuide PrpTherapy() => new()
    {
        Slug = PrpTherapySlug,
        Name = "PRP therapy",
        Title = "PRP therapy for hair loss",
        MetaDescription = "PRP therapy at Dynamic Clinic, Islamabad uses plasma from your own blood to encourage hair to regrow. Minimally invasive, with no downtime.",
        Summary = "Plasma prepared from your own blood, used to encourage the scalp to regrow hair. Minimally invasive, with no downtime.",
        Comparison = new("Minimally invasive", "No downtime", "Stimulates regrowth using your own plasma"),
        WhatItIs =
        [
            "PRP stands for platelet-rich plasma. The treatment uses plasma prepared from your own blood to encourage hair to grow again where it is thinning.",
            "It is minimally invasive and done in the clinic, and there is no downtime afterwards.",
        ],
        HowItWorks =
        [
            "A small sample of your blood is taken and prepared so that the plasma can be separated from it. The plasma is then returned to the thinning areas of your scalp, where it is used to stimulate regrowth.",
            "Your specialist will explain exactly how the treatment is carried out at the clinic and what to expect on the day.",
        ],
        Benefits =
        [
            "Uses your own plasma to stimulate regrowth.",
            "Minimally invasive: no surgery.",
            "No downtime: you can carry on with your day.",
        ],
        GoodCandidates =
        [
            "People with thinning hair who want to encourage regrowth without surgery.",
            "People who need to get back to their usual routine straight away.",
        ],
        NotSuitableFor =
        [
            "People with advanced hair loss who want a permanent solution: a hair transplant may suit them better.",
            "Anyone whose health means the treatment is not advisable. Your specialist checks this at your consultation.",
        ],
        Sessions =
        [
            "How many sessions you need, and how far apart they are, depends on your hair loss. Your specialist will advise and agree a plan with you at your consultation.",
        ],
        SideEffects =
        [
            "Your specialist will explain the possible side effects for you before you agree to treatment, and answer any questions you have.",
        ],
        Aftercare =
        [
            "There is no downtime, so you can return to your usual routine straight away.",
            "Your specialist will give you aftercare advice at the end of each session.",
            "If anything worries you after a session, call the clinic.",
        ],
    };

    private static TreatmentGuide HairTransplant() => new()
    {
        Slug = HairTransplantSlug,
        Name = "Hair transplant",
        Title = "Hair transplant",
        MetaDescription = "Hair transplant at Dynamic Clinic, Islamabad: a surgical, permanent solution for advanced hair loss. Plan for 1 to 2 weeks of recovery.",
        Summary = "A surgical procedure and a permanent solution for advanced hair loss. Plan for 1 to 2 weeks of recovery.",
        Comparison = new("Surgical", "1 to 2 weeks", "Permanent solution for advanced hair loss"),
        WhatItIs =
        [
            "A hair transplant is a surgical procedure for advanced hair loss. Of the treatments we offer, it is the one that gives a permanent result.",
            "Because it is surgery, recovery takes longer than with our other treatments: plan for 1 to 2 weeks.",
        ],
        HowItWorks =
        [
            "Hair follicles are moved from a part of the scalp where hair still grows well to the areas where it has been lost.",
            "Your specialist will explain the technique they recommend for you, how the procedure is carried out and what it means for your recovery.",
        ],
        Benefits =
        [
            "A permanent solution for advanced hair loss.",
            "An option when hair loss has gone beyond what treatments for early to moderate hair loss are meant for.",
        ],
        GoodCandidates =
        [
            "People with advanced hair loss who want a permanent result.",
            "People who can set aside 1 to 2 weeks to recover after surgery.",
        ],
        NotSuitableFor =
        [
            "People with early or moderate hair loss, for whom a non-surgical treatment may be enough. Your specialist will advise.",
            "People who cannot take 1 to 2 weeks to recover at the moment.",
        ],
        Sessions =
        [
            "A transplant is planned with you after your consultation. Your specialist will advise whether one procedure is enough or more are needed, and what to expect during the 1 to 2 weeks of recovery.",
        ],
        SideEffects =
        [
            "Like any surgery, a transplant carries risks and side effects. Your specialist will go through them with you in detail before you decide.",
        ],
        Aftercare =
        [
            "Your specialist will explain how to look after your scalp during the 1 to 2 weeks of recovery.",
            "If anything worries you while you recover, call the clinic.",
        ],
    };

    private static TreatmentGuide Medications() => new()
    {
        Slug = MedicationsSlug,
        Name = "Medications",
        Title = "Medications for hair loss",
        MetaDescription = "Medication for hair loss at Dynamic Clinic, Islamabad: a non-invasive way to slow hair loss, prescribed by a specialist and often long-term.",
        Summary = "Medicine prescribed by a specialist to slow hair loss. Non-invasive, though it may need long-term use.",
        Comparison = new("Non-invasive", "None", "Slows hair loss; may need long-term use"),
        WhatItIs =
        [
            "Some medicines can slow hair loss. At Dynamic Clinic they are prescribed only after a specialist has assessed your hair loss and your scalp.",
            "It is the only non-invasive option we offer: no injections, no surgery and nothing to recover from.",
        ],
        HowItWorks =
        [
            "Your specialist chooses a medicine that suits the kind of hair loss you have and explains how and when to take it.",
            "The aim is to slow hair loss. To keep the benefit, the medicine may need long-term use.",
        ],
        Benefits =
        [
            "Non-invasive: no injections or surgery.",
            "No recovery time.",
            "Slows hair loss.",
            "Prescribed and reviewed by a specialist.",
        ],
        GoodCandidates =
        [
            "People who want to slow their hair loss without a procedure.",
            "People who are comfortable taking a medicine over a long period.",
        ],
        NotSuitableFor =
        [
            "People looking for a permanent solution for advanced hair loss: a hair transplant may suit them better.",
            "Anyone for whom a particular medicine is not safe, for example because of their health or other medicines they take. Your specialist checks this before prescribing.",
        ],
        Sessions =
        [
            "There are no treatment sessions. You take the medicine as prescribed and come back for reviews, so your specialist can see how it is working; they will advise how often.",
            "Because the medicine may need long-term use, expect to keep taking it for some time.",
        ],
        SideEffects =
        [
            "Any medicine can have side effects. Your specialist will explain those of the medicine they prescribe and what to do if you notice any.",
        ],
        Aftercare =
        [
            "Take the medicine exactly as prescribed, and don't stop or change it without speaking to your specialist.",
            "Keep your review appointments so your specialist can check your progress.",
            "If you notice anything that worries you, call the clinic.",
        ],
    };
}

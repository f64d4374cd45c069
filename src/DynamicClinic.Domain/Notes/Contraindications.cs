namespace DynamicClinic.Domain.Notes;

/// <summary>What the latest signed consultation recorded as contraindications, and when that consultation was.</summary>
public sealed record ContraindicationAlert(DateTime ConsultationStartUtc, IReadOnlyList<string> Labels);

/// <summary>
/// Contraindications recorded at consultation follow the patient to later sessions: the latest signed consultation
/// that asks for them decides, so a later consultation that records none (or others) replaces the alert.
/// </summary>
public static class Contraindications
{
    public static ContraindicationAlert? Latest(IEnumerable<(DateTime StartUtc, NoteContent Content)> signedConsultations, NoteFieldCatalog catalog)
    {
        foreach (var (start, content) in signedConsultations.OrderByDescending(c => c.StartUtc))
        {
            var alertFields = catalog.Find(content.FieldSet)?.Fields.Where(f => f.Alert).ToList() ?? [];
            if (alertFields.Count == 0)
            {
                // An older consultation note (no field set) asked nothing about contraindications: look further back.
                continue;
            }

            var labels = alertFields
                .SelectMany(f => (content.Answers.TryGetValue(f.Key, out var keys) ? keys : []).Where(k => k != f.Exclusive).Select(f.ChoiceLabel))
                .ToList();
            return labels.Count == 0 ? null : new ContraindicationAlert(start, labels);
        }

        return null;
    }
}

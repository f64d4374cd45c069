using DynamicClinic.Domain.Notes;

namespace DynamicClinic.Web.Features.Notes;

/// <summary>
/// Loads the note field sets kept as JSON in <c>Content/note-fields</c> (embedded in the site). Read once at
/// start-up; a file that does not describe a valid field set stops the site with the file's name.
/// </summary>
public static class NoteFieldSets
{
    private const string Prefix = "note-fields/";

    public static NoteFieldCatalog Load()
    {
        var assembly = typeof(NoteFieldSets).Assembly;
        var sets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return NoteFieldSet.Parse(reader.ReadToEnd(), name);
            });
        return new NoteFieldCatalog(sets);
    }
}

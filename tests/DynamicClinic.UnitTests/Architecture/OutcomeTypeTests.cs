using DynamicClinic.Web;
using DynamicClinic.Web.Features;

namespace DynamicClinic.UnitTests.Architecture;

/// <summary>
/// One outcome type (issue 13): every feature's service says what came of a change with <see cref="Outcome"/>:
/// done, refused with a reason, changed meanwhile, forbidden or not found. Details beside it go in a tuple, not in a
/// feature's own hierarchy of the same idea.
/// </summary>
public sealed class OutcomeTypeTests
{
    [Fact]
    public void TheWebAssemblyDeclaresExactlyOneAbstractOutcomeType()
    {
        var outcomes = typeof(ClinicApplication).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: true, IsSealed: false } && t.Name.EndsWith("Outcome", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();

        Assert.Equal([typeof(Outcome).FullName], outcomes);
    }
}

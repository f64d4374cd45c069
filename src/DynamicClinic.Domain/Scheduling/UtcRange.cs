namespace DynamicClinic.Domain.Scheduling;

/// <summary>A half-open span of time [StartUtc, EndUtc) in UTC. One that ends before it starts is empty.</summary>
public readonly record struct UtcRange(DateTime StartUtc, DateTime EndUtc)
{
    public bool IsEmpty => EndUtc <= StartUtc;

    public bool Overlaps(DateTime startUtc, DateTime endUtc) => !IsEmpty && StartUtc < endUtc && startUtc < EndUtc;
}

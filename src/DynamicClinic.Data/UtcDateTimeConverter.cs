using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DynamicClinic.Data;

/// <summary>Stores DateTime as UTC and marks values read back as <see cref="DateTimeKind.Utc"/>.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

using System.Reflection;
using Microsoft.Data.SqlClient;

namespace DynamicClinic.UnitTests.Infrastructure.Database;

/// <summary>
/// Real <see cref="SqlException"/> instances with a chosen error number, as SqlClient itself makes them when the server
/// answers with an error. SqlClient gives them no public constructor, so its own internal factory is called by reflection
/// (the usual way, e.g. in EF Core's own SQL Server tests); a test fails loudly if a SqlClient upgrade moves it.
/// </summary>
internal static class SqlServerErrors
{
    public static SqlException Create(int number, byte errorClass = 14, string message = "Error from the server")
    {
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(errors, [Error(number, errorClass, message)]);
        var create = typeof(SqlException).GetMethod(
            "CreateException", BindingFlags.NonPublic | BindingFlags.Static, [typeof(SqlErrorCollection), typeof(string)])
            ?? throw new InvalidOperationException("SqlException.CreateException(SqlErrorCollection, string) is gone from this SqlClient.");
        return (SqlException)create.Invoke(null, [errors, "16.00.1000"])!;
    }

    private static SqlError Error(int number, byte errorClass, string message)
    {
        // SqlError(int infoNumber, byte errorState, byte errorClass, string server, string errorMessage, string procedure,
        // int lineNumber, [uint win32ErrorCode,] Exception exception): filled in by parameter type and position.
        var constructor = typeof(SqlError).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(c => c.GetParameters() is [{ ParameterType: var first }, ..] && first == typeof(int))
            .OrderByDescending(c => c.GetParameters().Length)
            .First();
        var bytes = 0;
        var strings = 0;
        var ints = 0;
        var arguments = constructor.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(int) => ints++ == 0 ? number : (object)0,
            var t when t == typeof(byte) => bytes++ == 0 ? (byte)1 : errorClass,
            var t when t == typeof(string) => strings++ switch { 0 => "sql01", 1 => message, _ => "" },
            var t when t == typeof(uint) => 0u,
            _ => null,
        }).ToArray();
        return (SqlError)constructor.Invoke(arguments);
    }
}

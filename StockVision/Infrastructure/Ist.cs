namespace StockVision.Infrastructure;

/// <summary>India Standard Time: UTC+05:30 all year (India has no daylight saving), so a fixed offset is exact.</summary>
public static class Ist
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(5.5);

    public static DateTimeOffset ToIst(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToIst(clock.GetUtcNow()).DateTime);

    /// <summary>"22 Nov 2026, 14:05:09 IST": how pages and emails write an instant.</summary>
    public static string Format(DateTimeOffset instant) =>
        ToIst(instant).ToString("d MMM yyyy, HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " IST";

    public static string Format(DateTime utc) => Format(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}

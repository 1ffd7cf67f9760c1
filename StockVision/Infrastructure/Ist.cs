namespace StockVision.Infrastructure;

/// <summary>India Standard Time: UTC+05:30 all year (India has no daylight saving), so a fixed offset is exact.</summary>
public static class Ist
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(5.5);

    public static DateTimeOffset ToIst(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToIst(clock.GetUtcNow()).DateTime);
}

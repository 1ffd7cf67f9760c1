namespace StockVision.Tests.Support;

/// <summary>A clock that moves only when told. Timers stay real, so Polly's timeout still fires in real time.</summary>
public sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;
    public override long GetTimestamp() => now.UtcTicks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => now += by;
}

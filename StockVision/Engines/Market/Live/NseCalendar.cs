namespace StockVision.Engines.Market.Live;

/// <summary>
/// When NSE's normal equity session runs: weekdays that are not exchange holidays, 09:15 to 15:30 IST (pre-open and
/// the closing session are not modelled). IST is UTC+05:30 all year, so the offset is fixed. <c>alwaysOpen</c> is for
/// demonstrations outside market hours: every day is a trading day and every instant is open.
/// </summary>
public sealed class NseCalendar
{
    public static readonly TimeSpan Ist = TimeSpan.FromHours(5.5);

    private readonly HashSet<DateOnly> holidays;

    public NseCalendar(IEnumerable<DateOnly> holidays, bool alwaysOpen = false, TimeOnly? open = null, TimeOnly? close = null)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        this.holidays = [.. holidays];
        AlwaysOpen = alwaysOpen;
        Open = open ?? new TimeOnly(9, 15);
        Close = close ?? new TimeOnly(15, 30);
        if (Close <= Open)
        {
            throw new ArgumentException("The session must close after it opens.", nameof(close));
        }
    }

    public bool AlwaysOpen { get; }
    public TimeOnly Open { get; }
    public TimeOnly Close { get; }

    /// <summary>22,500 s for 09:15–15:30: the unit of <see cref="SessionFraction"/> and of <see cref="GbmParameters"/>.</summary>
    public TimeSpan SessionLength => Close - Open;

    public bool IsTradingDay(DateOnly istDate) =>
        AlwaysOpen || (istDate.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(istDate));

    /// <summary>Open from the first instant of the session up to, not including, the closing instant.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        if (AlwaysOpen)
        {
            return true;
        }
        var day = SessionDate(instant);
        return IsTradingDay(day) && instant >= SessionOpen(day) && instant < SessionClose(day);
    }

    public DateTimeOffset SessionOpen(DateOnly istDate) => new(istDate.ToDateTime(Open), Ist);

    public DateTimeOffset SessionClose(DateOnly istDate) => new(istDate.ToDateTime(Close), Ist);

    public DateOnly SessionDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Ist).DateTime);

    /// <summary>The last trading day strictly before <paramref name="istDate"/>; null only when none exists before DateOnly.MinValue.</summary>
    public DateOnly? PreviousTradingDay(DateOnly istDate)
    {
        // Holidays are finite, so the walk ends within a few days of the last holiday run.
        for (var day = istDate; day > DateOnly.MinValue;)
        {
            day = day.AddDays(-1);
            if (IsTradingDay(day))
            {
                return day;
            }
        }
        return null;
    }

    /// <summary>The earliest session open at or after <paramref name="instant"/> (always open: the instant itself).</summary>
    public DateTimeOffset NextOpen(DateTimeOffset instant)
    {
        if (AlwaysOpen)
        {
            return instant;
        }
        var day = SessionDate(instant);
        if (instant > SessionOpen(day))
        {
            day = day.AddDays(1);
        }
        while (!IsTradingDay(day))
        {
            day = day.AddDays(1);
        }
        return SessionOpen(day);
    }

    /// <summary>
    /// How many sessions' worth of trading lies between two instants: the time inside sessions of trading days, divided
    /// by <see cref="SessionLength"/>. A full session is 1; a weekend adds nothing. Always open: elapsed time divided by
    /// the session length, so a whole day counts as 3.84 sessions and the demo moves at the same rate per minute as the
    /// real session would.
    /// </summary>
    public double SessionFraction(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return 0;
        }
        if (AlwaysOpen)
        {
            return (double)(to - from).Ticks / SessionLength.Ticks;
        }
        long ticks = 0;
        for (var day = SessionDate(from); day <= SessionDate(to); day = day.AddDays(1))
        {
            if (!IsTradingDay(day))
            {
                continue;
            }
            var start = Max(from, SessionOpen(day));
            var end = Min(to, SessionClose(day));
            if (end > start)
            {
                ticks += (end - start).Ticks;
            }
        }
        return (double)ticks / SessionLength.Ticks;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

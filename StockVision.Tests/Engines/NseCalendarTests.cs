using StockVision.Engines.Market.Live;

namespace StockVision.Tests.Engines;

public class NseCalendarTests
{
    // NSE's 2025 holiday circular lists Thursday 2 October 2025 (Mahatma Gandhi Jayanti).
    private static readonly DateOnly GandhiJayanti = new(2025, 10, 2);
    private static readonly NseCalendar Calendar = new([GandhiJayanti]);

    internal static DateTimeOffset Ist(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, NseCalendar.Ist);

    [Fact]
    public void The_session_opens_at_09_15_and_is_closed_from_15_30()
    {
        Assert.False(Calendar.IsOpen(Ist(2025, 10, 6, 9, 14, 59)));
        Assert.True(Calendar.IsOpen(Ist(2025, 10, 6, 9, 15, 0)));
        Assert.True(Calendar.IsOpen(Ist(2025, 10, 6, 15, 29, 59)));
        Assert.False(Calendar.IsOpen(Ist(2025, 10, 6, 15, 30, 0)));
    }

    [Fact]
    public void Instants_in_any_offset_are_judged_in_IST()
    {
        Assert.True(Calendar.IsOpen(new DateTimeOffset(2025, 10, 6, 3, 45, 0, TimeSpan.Zero))); // 09:15 IST
        Assert.False(Calendar.IsOpen(new DateTimeOffset(2025, 10, 6, 10, 0, 0, TimeSpan.Zero))); // 15:30 IST
        Assert.Equal(new DateOnly(2025, 10, 6), Calendar.SessionDate(new DateTimeOffset(2025, 10, 5, 20, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2025, 10, 6, 3, 45, 0, TimeSpan.Zero), Calendar.SessionOpen(new DateOnly(2025, 10, 6)));
        Assert.Equal(NseCalendar.Ist, Calendar.SessionClose(new DateOnly(2025, 10, 6)).Offset);
    }

    [Fact]
    public void Weekends_and_holidays_are_closed()
    {
        Assert.False(Calendar.IsOpen(Ist(2025, 10, 4, 11, 0)));  // Saturday
        Assert.False(Calendar.IsOpen(Ist(2025, 10, 5, 11, 0)));  // Sunday
        Assert.False(Calendar.IsOpen(Ist(2025, 10, 2, 11, 0)));  // the holiday
        Assert.False(Calendar.IsTradingDay(GandhiJayanti));
        Assert.True(Calendar.IsTradingDay(new DateOnly(2025, 10, 3)));
    }

    [Fact]
    public void Always_open_is_open_every_day_at_every_hour()
    {
        var demo = new NseCalendar([GandhiJayanti], alwaysOpen: true);
        Assert.True(demo.IsOpen(Ist(2025, 10, 5, 2, 0)));
        Assert.True(demo.IsTradingDay(GandhiJayanti));
        // 86,400 s / 22,500 s per session.
        Assert.Equal(3.84, demo.SessionFraction(Ist(2025, 10, 4, 0, 0), Ist(2025, 10, 5, 0, 0)), 12);
    }

    [Fact]
    public void A_full_session_is_one_and_a_weekend_adds_nothing()
    {
        Assert.Equal(1.0, Calendar.SessionFraction(Ist(2025, 10, 6, 9, 15), Ist(2025, 10, 6, 15, 30)));
        Assert.Equal(1.0, Calendar.SessionFraction(Ist(2025, 10, 6, 0, 0), Ist(2025, 10, 6, 23, 59)));
        // Friday 15:00 → Monday 09:45: 30 min on Friday + 30 min on Monday = 60 of 375 session minutes.
        Assert.Equal(60.0 / 375, Calendar.SessionFraction(Ist(2025, 10, 3, 15, 0), Ist(2025, 10, 6, 9, 45)), 12);
        Assert.Equal(0.0, Calendar.SessionFraction(Ist(2025, 10, 3, 15, 30), Ist(2025, 10, 6, 9, 15)));
        // Wednesday 15:00 → Friday 09:45 over the Thursday holiday: the same 60 minutes.
        Assert.Equal(60.0 / 375, Calendar.SessionFraction(Ist(2025, 10, 1, 15, 0), Ist(2025, 10, 3, 9, 45)), 12);
        Assert.Equal(0.0, Calendar.SessionFraction(Ist(2025, 10, 6, 12, 0), Ist(2025, 10, 6, 11, 0)));
    }

    [Fact]
    public void Next_open_skips_the_weekend_and_holidays()
    {
        Assert.Equal(Ist(2025, 10, 6, 9, 15), Calendar.NextOpen(Ist(2025, 10, 3, 16, 0)));   // Friday evening → Monday
        Assert.Equal(Ist(2025, 10, 3, 9, 15), Calendar.NextOpen(Ist(2025, 10, 1, 16, 0)));   // Wednesday evening → Friday
        Assert.Equal(Ist(2025, 10, 6, 9, 15), Calendar.NextOpen(Ist(2025, 10, 6, 8, 0)));    // before the bell
        Assert.Equal(Ist(2025, 10, 6, 9, 15), Calendar.NextOpen(Ist(2025, 10, 6, 9, 15)));   // at the bell
        Assert.Equal(Ist(2025, 10, 7, 9, 15), Calendar.NextOpen(Ist(2025, 10, 6, 10, 0)));   // mid-session: tomorrow's
    }

    [Fact]
    public void Previous_trading_day_skips_the_weekend_and_holidays()
    {
        Assert.Equal(new DateOnly(2025, 10, 3), Calendar.PreviousTradingDay(new DateOnly(2025, 10, 6)));
        Assert.Equal(new DateOnly(2025, 10, 1), Calendar.PreviousTradingDay(new DateOnly(2025, 10, 3)));
        Assert.Null(Calendar.PreviousTradingDay(DateOnly.MinValue));
    }

    [Fact]
    public void Custom_hours_set_the_session_length() =>
        Assert.Equal(TimeSpan.FromHours(1), new NseCalendar([], open: new TimeOnly(10, 0), close: new TimeOnly(11, 0)).SessionLength);
}

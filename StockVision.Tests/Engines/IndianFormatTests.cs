using StockVision.Infrastructure;

namespace StockVision.Tests.Engines;

// The Indian numbering system groups the last three digits, then pairs: 1,23,45,678 (one crore twenty-three lakh …).
// 1 lakh = 1,00,000 and 1 crore = 1,00,00,000 (RBI and NSE publications use this grouping).
public class IndianFormatTests
{
    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(999.5, "999.50")]
    [InlineData(1000, "1,000.00")]
    [InlineData(100000, "1,00,000.00")]
    [InlineData(12345678.5, "1,23,45,678.50")]
    [InlineData(-1234567.891, "-12,34,567.89")]
    public void Number_groups_digits_in_lakhs_and_crores(double value, string expected)
    {
        Assert.Equal(expected, IndianFormat.Number((decimal)value));
    }

    [Fact]
    public void Number_groups_amounts_beyond_a_thousand_crore()
    {
        Assert.Equal("12,34,56,78,90,123.00", IndianFormat.Number(1_234_567_890_123m));
        Assert.Equal("9,14,472", IndianFormat.Number(914_472m, 0));
    }

    [Fact]
    public void Rupees_put_the_sign_before_the_symbol()
    {
        Assert.Equal("₹1,23,456.70", IndianFormat.Rupees(123456.7m));
        Assert.Equal("-₹1,234.50", IndianFormat.Rupees(-1234.5m));
        Assert.Equal("₹2,684", IndianFormat.Rupees(2684.15m, 0));
    }

    [Fact]
    public void Compact_uses_crore_and_lakh_words()
    {
        Assert.Equal("2.35 crore", IndianFormat.Compact(23_456_789m));
        Assert.Equal("4.57 lakh", IndianFormat.Compact(456_789m));
        Assert.Equal("99,999", IndianFormat.Compact(99_999m));
    }

    [Fact]
    public void Percent_always_shows_the_sign_so_colour_is_not_the_only_cue()
    {
        Assert.Equal("+1.23%", IndianFormat.Percent(1.2345));
        Assert.Equal("-0.40%", IndianFormat.Percent(-0.4));
        Assert.Equal("0.00%", IndianFormat.Percent(-0.0004));
    }

    [Fact]
    public void Dates_and_times_are_shown_in_IST()
    {
        Assert.Equal("30 Sep 2025", IndianFormat.Date(new DateOnly(2025, 9, 30)));
        // 09:59:58 UTC is 15:29:58 IST, two seconds before the NSE close.
        Assert.Equal("22 Oct 2024, 15:29:58 IST", IndianFormat.IstDateTime(new DateTimeOffset(2024, 10, 22, 9, 59, 58, TimeSpan.Zero)));
        // 20:00 UTC on 31 Mar is already 1 Apr in India: a new financial year.
        Assert.Equal(new DateOnly(2025, 4, 1), Ist.Today(new FixedClock(new DateTimeOffset(2025, 3, 31, 20, 0, 0, TimeSpan.Zero))));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

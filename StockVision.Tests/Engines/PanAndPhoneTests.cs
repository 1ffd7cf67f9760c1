using StockVision.Engines.Security;

namespace StockVision.Tests.Engines;

// PAN structure: Income Tax Department (incometaxindia.gov.in, "Permanent Account Number"): AAAAA9999A, 4th letter = holder type.
public class PanAndPhoneTests
{
    [Theory]
    [InlineData("abcpe1234f", "ABCPE1234F")]
    [InlineData(" AAACR 5055K ", "AAACR5055K")]
    [InlineData("AAAHG1234A", "AAAHG1234A")]
    public void Valid_pans_are_normalised(string input, string expected)
    {
        Assert.True(Pan.TryNormalise(input, out var pan, out var error));
        Assert.Equal(expected, pan);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "Enter your PAN.")]
    [InlineData("ABCPE1234", "PAN must be 10 characters")]
    [InlineData("ABCP11234F", "PAN must be 10 characters")]
    [InlineData("ABCPE12345", "PAN must be 10 characters")]
    [InlineData("ABCXE1234F", "fourth letter")]
    public void Invalid_pans_say_what_is_wrong(string input, string expected)
    {
        Assert.False(Pan.TryNormalise(input, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pan_is_masked_to_its_first_five_and_last_characters()
    {
        Assert.Equal("ABCPE••••F", Pan.Mask("ABCPE1234F"));
        Assert.Equal("Company", Pan.HolderType('c'));
    }

    [Theory]
    [InlineData("98765 43210")]
    [InlineData("+91 98765-43210")]
    [InlineData("09876543210")]
    [InlineData("919876543210")]
    public void Indian_mobiles_normalise_to_e164(string input)
    {
        Assert.True(Phone.TryNormalise(input, out var e164, out _));
        Assert.Equal("+919876543210", e164);
        Assert.Equal("+91 ••••••3210", Phone.Mask(e164));
    }

    [Theory]
    [InlineData("", "Enter your mobile number.")]
    [InlineData("58765 43210", "start with 6, 7, 8 or 9")]
    [InlineData("98765 4321", "10 digits")]
    [InlineData("+1 415 555 0100", "Only Indian")]
    [InlineData("98765-abcde", "only digits")]
    public void Invalid_mobiles_say_what_is_wrong(string input, string expected)
    {
        Assert.False(Phone.TryNormalise(input, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", "Safari on iPhone")]
    [InlineData(null, "Unknown device")]
    public void User_agents_are_summarised_for_people(string? userAgent, string expected)
    {
        Assert.Equal(expected, UserAgentSummary.Describe(userAgent));
    }
}

namespace StockVision.Engines.Security;

/// <summary>
/// Indian mobile numbers in E.164 (+91 and ten digits). Under the National Numbering Plan mobile numbers begin with 6, 7,
/// 8 or 9; a leading 0 (trunk prefix) or 91 (country code) is accepted and dropped.
/// </summary>
public static class Phone
{
    public static bool TryNormalise(string? input, out string e164, out string? error)
    {
        e164 = "";
        var text = (input ?? "").Trim();
        if (text.Length == 0)
        {
            error = "Enter your mobile number.";
            return false;
        }
        if (text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '+' or '(' or ')')) || text.LastIndexOf('+') > 0)
        {
            error = "A mobile number has only digits, spaces and dashes, with an optional +91 at the start.";
            return false;
        }
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (text.StartsWith('+') && !digits.StartsWith("91", StringComparison.Ordinal))
        {
            error = "Only Indian mobile numbers (+91) are supported.";
            return false;
        }
        var national = digits.Length switch
        {
            12 when digits.StartsWith("91", StringComparison.Ordinal) => digits[2..],
            11 when digits[0] == '0' => digits[1..],
            10 => digits,
            _ => null,
        };
        if (national is null)
        {
            error = $"An Indian mobile number has 10 digits (this has {digits.Length}{(digits.Length > 10 ? " including any prefix" : "")}).";
            return false;
        }
        if (national[0] is < '6' or > '9')
        {
            error = "Indian mobile numbers start with 6, 7, 8 or 9.";
            return false;
        }
        e164 = "+91" + national;
        error = null;
        return true;
    }

    public static string Mask(string e164) => e164.Length >= 4 ? "+91 ••••••" + e164[^4..] : "••••";
}

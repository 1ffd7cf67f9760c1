namespace StockVision.Engines.Security;

/// <summary>
/// Permanent Account Number: five letters, four digits, one letter. The fourth letter is the holder type (Income Tax
/// Department, "Know your PAN"; incometaxindia.gov.in): P person, C company, H HUF, F firm, A AOP, T trust, B BOI,
/// L local authority, J artificial juridical person, G government.
/// </summary>
public static class Pan
{
    private static readonly Dictionary<char, string> HolderTypes = new()
    {
        ['P'] = "Individual",
        ['C'] = "Company",
        ['H'] = "Hindu undivided family",
        ['F'] = "Firm",
        ['A'] = "Association of persons",
        ['T'] = "Trust",
        ['B'] = "Body of individuals",
        ['L'] = "Local authority",
        ['J'] = "Artificial juridical person",
        ['G'] = "Government",
    };

    public static bool TryNormalise(string? input, out string pan, out string? error)
    {
        pan = new string((input ?? "").Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant).ToArray());
        if (pan.Length == 0)
        {
            error = "Enter your PAN.";
            return false;
        }
        var shapeOk = pan.Length == 10
            && pan.Take(5).All(IsLetter) && pan.Skip(5).Take(4).All(char.IsAsciiDigit) && IsLetter(pan[9]);
        if (!shapeOk)
        {
            error = "PAN must be 10 characters: five letters, four digits, one letter (for example ABCPE1234F).";
            return false;
        }
        if (!HolderTypes.ContainsKey(pan[3]))
        {
            error = "The fourth letter of a PAN shows the holder type and must be one of P, C, H, F, A, T, B, L, J, G.";
            return false;
        }
        error = null;
        return true;
    }

    public static string Mask(string pan) => pan.Length == 10 ? pan[..5] + "••••" + pan[9] : "••••••••••";

    public static string HolderType(char code) => HolderTypes.GetValueOrDefault(char.ToUpperInvariant(code), "Unknown");

    private static bool IsLetter(char c) => c is >= 'A' and <= 'Z';
}

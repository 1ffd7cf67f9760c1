namespace StockVision.Features.Valuations;

/// <summary>
/// The DCF page's save form: the inputs to save, and after a refused save what was typed and what was wrong with it.
/// <see cref="Id"/> and <see cref="Existing"/> are set when the page was opened from a saved valuation.
/// </summary>
public sealed record SaveValuationForm(string Symbol, IReadOnlyDictionary<string, string> Values, string? Name = null, long? Id = null,
    string? Existing = null, string? NameError = null)
{
    public string SignInUrl => "/account/login?returnUrl=" + Uri.EscapeDataString(SavedValuations.RunUrl(Symbol, Values));
}

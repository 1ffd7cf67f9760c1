using Microsoft.AspNetCore.Mvc.RazorPages;

namespace StockVision.Features.Shared;

/// <summary>One labelled input. Its hint and error are tied to it with aria-describedby, and an error sets aria-invalid.</summary>
public sealed record Field(string Name, string Label, string? Value = null, string Type = "text", string? Autocomplete = null,
    string? Hint = null, string? Error = null, bool Required = true, int? MaxLength = null, string? InputMode = null)
{
    public string Id => "f-" + Name.ToLowerInvariant().Replace('.', '-');
    public string HintId => Id + "-hint";
    public string ErrorId => Id + "-error";

    public string? DescribedBy =>
        string.Join(' ', new[] { Error is null ? null : ErrorId, Hint is null ? null : HintId }.Where(s => s is not null)) is { Length: > 0 } ids ? ids : null;
}

/// <summary>
/// Page models with forms collect errors per field; the page shows a summary that links to each field (GOV.UK Design
/// System's error summary pattern) and the same message beside the field.
/// </summary>
public abstract class FormPageModel : PageModel
{
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A message about the form as a whole (shown in the summary without a link).</summary>
    public string? FormError { get; protected set; }

    public bool HasErrors => Errors.Count > 0 || FormError is not null;

    protected void AddError(string field, string message) => Errors.TryAdd(field, message);

    public Field Field(string name, string label, string? value = null, string type = "text", string? autocomplete = null,
        string? hint = null, bool required = true, int? maxLength = null, string? inputMode = null) =>
        new(name, label, type == "password" ? null : value, type, autocomplete, hint, Errors.GetValueOrDefault(name), required, maxLength, inputMode);

    public IEnumerable<(string Href, string Message)> Summary =>
        (FormError is null ? [] : new[] { ("", FormError) })
            .Concat(Errors.Select(e => ("#" + new Field(e.Key, "").Id, e.Value)));
}

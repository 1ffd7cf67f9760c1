using System.Text;

namespace StockVision.Infrastructure;

/// <summary>
/// RFC 4180 both ways. The reader takes quoted fields, doubled quotes, commas and newlines inside quotes and a leading BOM;
/// the writer quotes only fields that need it and ends every record with CRLF.
/// </summary>
public static class Csv
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>Writes each row as one record; a null field is written as an empty one.</summary>
    public static void Write(TextWriter writer, IEnumerable<IReadOnlyList<string?>> rows)
    {
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }
                writer.Write(Field(row[i] ?? ""));
            }
            writer.Write("\r\n");
        }
    }

    /// <summary>One field as it goes on the wire: quoted, with quotes doubled, when it holds a comma, quote, CR or LF.</summary>
    public static string Field(string value) =>
        value.IndexOfAny(NeedsQuotes) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The whole text of <see cref="Write"/>, for small exports.</summary>
    public static string ToText(IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(writer, rows);
        return writer.ToString();
    }

    public static IEnumerable<string[]> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var any = false;
        int c;
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }
        while ((c = reader.Read()) != -1)
        {
            any = true;
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return fields.ToArray();
                    fields.Clear();
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (any)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }
}

using System.Globalization;
using System.Text;

namespace StockVision.Engines.Security;

/// <summary>
/// A QR Code encoder (ISO/IEC 18004:2015) for what this app needs: byte mode, error correction level M (15 % of the
/// symbol recoverable), versions 1 to 10 (up to 213 bytes, enough for an otpauth URI). No package on the registry
/// does this without pulling in an imaging library, and the symbol is drawn as SVG, so it is written here.
/// </summary>
public sealed class QrCode
{
    private readonly bool[,] modules;

    private QrCode(int version, int mask, bool[,] modules)
    {
        Version = version;
        Mask = mask;
        this.modules = modules;
    }

    public int Version { get; }
    public int Mask { get; }
    public int Size => modules.GetLength(0);

    /// <summary>True for a dark module; x is the column and y the row, from the top left.</summary>
    public bool this[int x, int y] => modules[y, x];

    public static QrCode Encode(string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var version = QrTables.SmallestVersion(data.Length)
            ?? throw new ArgumentException($"Too long for a version 10-M QR code: {data.Length} bytes (at most {QrTables.ByteCapacity(10)}).", nameof(text));
        var codewords = QrTables.AddErrorCorrection(version, DataCodewords(data, version));
        var symbol = new QrSymbol(version);
        symbol.DrawFunctionPatterns();
        symbol.PlaceCodewords(codewords);
        var best = Enumerable.Range(0, 8).MinBy(mask => symbol.WithMask(mask).Penalty());
        return new QrCode(version, best, symbol.WithMask(best).Modules);
    }

    /// <summary>Mode indicator, length, the bytes, a terminator, then the pad codewords 0xEC 0x11 (ISO/IEC 18004 §7.4).</summary>
    internal static byte[] DataCodewords(byte[] data, int version)
    {
        var capacityBits = QrTables.DataCodewordCount(version) * 8;
        var bits = new List<bool>(capacityBits);
        Append(bits, 0b0100, 4);
        Append(bits, data.Length, QrTables.CountBits(version));
        foreach (var b in data)
        {
            Append(bits, b, 8);
        }
        Append(bits, 0, Math.Min(4, capacityBits - bits.Count));
        Append(bits, 0, (8 - bits.Count % 8) % 8);
        for (var pad = 0xEC; bits.Count < capacityBits; pad ^= 0xEC ^ 0x11)
        {
            Append(bits, pad, 8);
        }
        var result = new byte[bits.Count / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            if (bits[i])
            {
                result[i >> 3] |= (byte)(0x80 >> (i & 7));
            }
        }
        return result;
    }

    private static void Append(List<bool> bits, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            bits.Add(((value >> i) & 1) != 0);
        }
    }

    /// <summary>
    /// One SVG path of dark modules (horizontal runs merged), on a white square with the 4-module quiet zone the standard
    /// requires. Colours are attributes, not styles: the site's CSP allows no inline style.
    /// </summary>
    public string ToSvg(int moduleSize = 4, int quietZone = 4, string title = "QR code")
    {
        var extent = Size + 2 * quietZone;
        var path = new StringBuilder();
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                if (!this[x, y])
                {
                    continue;
                }
                var run = 1;
                while (x + run < Size && this[x + run, y])
                {
                    run++;
                }
                path.Append(CultureInfo.InvariantCulture, $"M{x + quietZone} {y + quietZone}h{run}v1h-{run}z");
                x += run - 1;
            }
        }
        var pixels = extent * moduleSize;
        var escapedTitle = System.Net.WebUtility.HtmlEncode(title);
        return $"""<svg xmlns="http://www.w3.org/2000/svg" width="{pixels}" height="{pixels}" viewBox="0 0 {extent} {extent}" role="img" aria-labelledby="qr-title" shape-rendering="crispEdges"><title id="qr-title">{escapedTitle}</title><rect width="{extent}" height="{extent}" fill="#ffffff"/><path d="{path}" fill="#000000"/></svg>""";
    }
}

namespace StockVision.Engines.Security;

/// <summary>The module grid of one QR symbol while it is being built: function patterns, data placement and masking.</summary>
internal sealed class QrSymbol
{
    private readonly int version;
    private readonly bool[,] isFunction;

    public QrSymbol(int version)
    {
        this.version = version;
        var size = version * 4 + 17;
        Modules = new bool[size, size];
        isFunction = new bool[size, size];
    }

    private QrSymbol(int version, bool[,] modules, bool[,] isFunction)
    {
        this.version = version;
        Modules = modules;
        this.isFunction = isFunction;
    }

    public bool[,] Modules { get; }
    public int Size => Modules.GetLength(0);

    public void DrawFunctionPatterns()
    {
        for (var i = 0; i < Size; i++)
        {
            Set(6, i, i % 2 == 0);
            Set(i, 6, i % 2 == 0);
        }
        DrawFinder(3, 3);
        DrawFinder(Size - 4, 3);
        DrawFinder(3, Size - 4);
        var centres = QrTables.Alignment(version);
        var last = centres.Length - 1;
        for (var i = 0; i < centres.Length; i++)
        {
            for (var j = 0; j < centres.Length; j++)
            {
                // The three corners that hold finder patterns get no alignment pattern.
                if ((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0))
                {
                    continue;
                }
                for (var dy = -2; dy <= 2; dy++)
                {
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        Set(centres[i] + dx, centres[j] + dy, Math.Max(Math.Abs(dx), Math.Abs(dy)) != 1);
                    }
                }
            }
        }
        DrawFormatBits(0);
        DrawVersion();
    }

    /// <summary>Data and ECC bits in the two-column zigzag from the bottom right, skipping function modules (§7.7.3).</summary>
    public void PlaceCodewords(byte[] codewords)
    {
        var i = 0;
        var total = codewords.Length * 8;
        for (var right = Size - 1; right >= 1; right -= 2)
        {
            if (right == 6)
            {
                right = 5;
            }
            var upward = ((right + 1) & 2) == 0;
            for (var vert = 0; vert < Size; vert++)
            {
                var y = upward ? Size - 1 - vert : vert;
                for (var j = 0; j < 2; j++)
                {
                    var x = right - j;
                    if (!isFunction[y, x] && i < total)
                    {
                        Modules[y, x] = ((codewords[i >> 3] >> (7 - (i & 7))) & 1) != 0;
                        i++;
                    }
                }
            }
        }
    }

    public QrSymbol WithMask(int mask)
    {
        var copy = new QrSymbol(version, (bool[,])Modules.Clone(), isFunction);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                if (!isFunction[y, x] && Masked(mask, x, y))
                {
                    copy.Modules[y, x] = !copy.Modules[y, x];
                }
            }
        }
        copy.DrawFormatBits(mask);
        return copy;
    }

    /// <summary>The mask patterns of §7.8.2, with x the column and y the row.</summary>
    internal static bool Masked(int mask, int x, int y) => mask switch
    {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => (x / 3 + y / 2) % 2 == 0,
        5 => x * y % 2 + x * y % 3 == 0,
        6 => (x * y % 2 + x * y % 3) % 2 == 0,
        7 => ((x + y) % 2 + x * y % 3) % 2 == 0,
        _ => throw new ArgumentOutOfRangeException(nameof(mask)),
    };

    /// <summary>The four penalty rules of §7.8.3: runs, 2×2 blocks, finder look-alikes, and dark/light imbalance.</summary>
    public int Penalty()
    {
        var penalty = 0;
        for (var a = 0; a < Size; a++)
        {
            int rowRun = 1, colRun = 1;
            for (var b = 1; b < Size; b++)
            {
                rowRun = Modules[a, b] == Modules[a, b - 1] ? rowRun + 1 : Flush(rowRun, ref penalty);
                colRun = Modules[b, a] == Modules[b - 1, a] ? colRun + 1 : Flush(colRun, ref penalty);
            }
            Flush(rowRun, ref penalty);
            Flush(colRun, ref penalty);
        }
        for (var y = 0; y < Size - 1; y++)
        {
            for (var x = 0; x < Size - 1; x++)
            {
                var c = Modules[y, x];
                if (c == Modules[y, x + 1] && c == Modules[y + 1, x] && c == Modules[y + 1, x + 1])
                {
                    penalty += 3;
                }
            }
        }
        bool[] finderThenLight = [true, false, true, true, true, false, true, false, false, false, false];
        for (var a = 0; a < Size; a++)
        {
            for (var b = 0; b + finderThenLight.Length <= Size; b++)
            {
                if (Matches(finderThenLight, k => Modules[a, b + k]) || Matches(finderThenLight, k => Modules[a, b + finderThenLight.Length - 1 - k]))
                {
                    penalty += 40;
                }
                if (Matches(finderThenLight, k => Modules[b + k, a]) || Matches(finderThenLight, k => Modules[b + finderThenLight.Length - 1 - k, a]))
                {
                    penalty += 40;
                }
            }
        }
        var dark = 0;
        foreach (var m in Modules)
        {
            dark += m ? 1 : 0;
        }
        var total = Size * Size;
        penalty += ((Math.Abs(dark * 20 - total * 10) + total - 1) / total - 1) * 10;
        return penalty;
    }

    private static int Flush(int run, ref int penalty)
    {
        if (run >= 5)
        {
            penalty += 3 + (run - 5);
        }
        return 1;
    }

    private static bool Matches(bool[] pattern, Func<int, bool> module)
    {
        for (var k = 0; k < pattern.Length; k++)
        {
            if (module(k) != pattern[k])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Level M (00) and the mask as a BCH(15,5) code, XOR 101010000010010, in both copies (§7.9.1).</summary>
    internal static int FormatBits(int mask)
    {
        var data = mask;
        var rem = data;
        for (var i = 0; i < 10; i++)
        {
            rem = (rem << 1) ^ ((rem >> 9) * 0x537);
        }
        return ((data << 10) | rem) ^ 0x5412;
    }

    /// <summary>The version number as a BCH(18,6) code (§7.10), present from version 7.</summary>
    internal static int VersionBits(int version)
    {
        var rem = version;
        for (var i = 0; i < 12; i++)
        {
            rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
        }
        return (version << 12) | rem;
    }

    private void DrawFormatBits(int mask)
    {
        var bits = FormatBits(mask);
        for (var i = 0; i <= 5; i++)
        {
            Set(8, i, Bit(bits, i));
        }
        Set(8, 7, Bit(bits, 6));
        Set(8, 8, Bit(bits, 7));
        Set(7, 8, Bit(bits, 8));
        for (var i = 9; i < 15; i++)
        {
            Set(14 - i, 8, Bit(bits, i));
        }
        for (var i = 0; i < 8; i++)
        {
            Set(Size - 1 - i, 8, Bit(bits, i));
        }
        for (var i = 8; i < 15; i++)
        {
            Set(8, Size - 15 + i, Bit(bits, i));
        }
        Set(8, Size - 8, true);
    }

    private void DrawVersion()
    {
        if (version < 7)
        {
            return;
        }
        var bits = VersionBits(version);
        for (var i = 0; i < 18; i++)
        {
            var bit = Bit(bits, i);
            var a = Size - 11 + i % 3;
            var b = i / 3;
            Set(a, b, bit);
            Set(b, a, bit);
        }
    }

    private void DrawFinder(int cx, int cy)
    {
        for (var dy = -4; dy <= 4; dy++)
        {
            for (var dx = -4; dx <= 4; dx++)
            {
                int x = cx + dx, y = cy + dy;
                if (x >= 0 && x < Size && y >= 0 && y < Size)
                {
                    var distance = Math.Max(Math.Abs(dx), Math.Abs(dy));
                    Set(x, y, distance != 2 && distance != 4);
                }
            }
        }
    }

    private void Set(int x, int y, bool dark)
    {
        Modules[y, x] = dark;
        isFunction[y, x] = true;
    }

    private static bool Bit(int value, int i) => ((value >> i) & 1) != 0;
}

/// How answers are compared with codes and wordings: case, surrounding and repeated spaces,
/// curly versus straight quotes and a trailing full stop do not matter (survey-csv.md).
public enum WordingKey {
    /// The comparison key of `text`.
    public static func normalise(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            var s = scalar
            switch s.value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: s = "'"
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033: s = "\""
            case 0x2013, 0x2014: s = "-"
            case 0x00A0: s = " "
            default: break
            }
            if s.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(s)
        }
        var result = String(out).lowercased()
        while result.hasSuffix(".") { result.removeLast() }
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}

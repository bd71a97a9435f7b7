/// Fixed-width columns for readable tables (left-aligned text, right-aligned numbers). Text never loses words:
/// a cell wider than its column wraps onto the lines below at spaces, so two long names that differ only at
/// their ends never read the same.
public enum TextColumns {
    public enum Align: Sendable { case left, right }

    /// `s` padded to `width`, aligned left (a longer `s` is kept whole: use `wrap` or `row` to fit it).
    public static func left(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    /// `s` padded to `width`, aligned right.
    public static func right(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    /// `s` in lines of at most `width` characters, broken at spaces; a single word longer than the column is
    /// broken where it must be, with a hyphen.
    public static func wrap(_ s: String, _ width: Int) -> [String] {
        guard width > 1, s.count > width else { return [s] }
        var lines: [String] = []
        var line = ""
        for word in s.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            while word.count > width {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(word.prefix(width - 1)) + "-")
                word = String(word.dropFirst(width - 1))
            }
            if line.isEmpty { line = word } else if line.count + 1 + word.count <= width { line += " " + word } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// One table row: each cell in its column, wrapped where it is too wide, columns separated by `gap` spaces.
    public static func row(_ cells: [(text: String, width: Int, align: Align)], gap: Int = 1) -> [String] {
        let wrapped = cells.map { wrap($0.text, $0.width) }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { line in
            cells.indices.map { i in
                let text = line < wrapped[i].count ? wrapped[i][line] : ""
                switch cells[i].align {
                case .left: return left(text, cells[i].width)
                case .right: return right(text, cells[i].width)
                }
            }.joined(separator: String(repeating: " ", count: gap)).trimmingTrailingSpaces()
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

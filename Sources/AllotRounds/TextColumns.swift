/// Fixed-width columns for readable tables (left-aligned text, right-aligned numbers).
public enum TextColumns {
    /// `s` padded or cut to `width`, aligned left.
    public static func left(_ s: String, _ width: Int) -> String {
        let t = s.count > width ? String(s.prefix(width)) : s
        return t + String(repeating: " ", count: width - t.count)
    }

    /// `s` padded to `width`, aligned right.
    public static func right(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}

/// Fixed-width columns for readable tables (left-aligned text, right-aligned numbers).
enum TextColumns {
    static func left(_ s: String, _ width: Int) -> String {
        let t = s.count > width ? String(s.prefix(width)) : s
        return t + String(repeating: " ", count: width - t.count)
    }

    static func right(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}

import AllotRounds
import Testing

@Suite("Table columns keep every word")
struct TextColumnsTests {
    @Test("a long name wraps at spaces instead of being cut")
    func wrapsAtSpaces() {
        let lines = TextColumns.wrap("Scottish Schools Education Research Centre Partnership", 30)
        #expect(lines == ["Scottish Schools Education", "Research Centre Partnership"])
        #expect(lines.joined(separator: " ") == "Scottish Schools Education Research Centre Partnership")
    }

    @Test("two labels that differ only at their ends never read the same")
    func labelsStayDistinct() {
        let a = TextColumns.row([("Opportunities to network with other practitioners in my area", 30, .left), ("12", 4, .right)])
        let b = TextColumns.row([("Opportunities to network with other practitioners nationally", 30, .left), ("9", 4, .right)])
        #expect(a != b)
        #expect(a.count == 2 && a[0].hasSuffix("  12"))
        #expect(a[1].trimmingCharacters(in: .whitespaces) == "other practitioners in my area")
    }

    @Test("a word longer than its column is broken with a hyphen, and nothing is lost")
    func longWord() {
        let lines = TextColumns.wrap("Supercalifragilistic", 8)
        #expect(lines.allSatisfy { $0.count <= 8 })
        #expect(lines.map { $0.hasSuffix("-") ? String($0.dropLast()) : $0 }.joined() == "Supercalifragilistic")
    }
}

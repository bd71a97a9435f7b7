import AllotCore

extension PortfolioProblem {
    /// The largest hours, gap or quality the model takes: far above any real round, far below what makes CBC/Clp's
    /// coefficients lose meaning (Clp aborts the process on bounds near 1e100).
    static let maxMagnitude = 1e15

    /// Every rule the input breaks, one message each; empty when the problem can be solved.
    public func validationMessages() -> [String] {
        var messages: [String] = []
        if !budget.isFinite || budget < 0 || budget > InputLimits.maxPounds {
            messages.append("budget must be a finite amount >= 0 and <= \(Int(InputLimits.maxPounds)), got \(budget)")
        }
        messages += cellMessages()
        messages += itemMessages()
        messages += constraintMessages()
        return messages
    }

    /// Throws `invalidProblem` when `validationMessages()` is not empty.
    func validate() throws(PortfolioError) {
        let messages = validationMessages()
        if !messages.isEmpty { throw .invalidProblem(messages) }
    }

    private func cellMessages() -> [String] {
        cells.keys.sorted().compactMap { key in
            guard let cell = cells[key] else { return nil }
            if !cell.gap.isFinite || cell.gap < 0 || cell.gap > Self.maxMagnitude { return "cell \(key): gap must be finite and >= 0" }
            if !(0...1).contains(cell.needWeight) { return "cell \(key): need weight must be between 0 and 1" }
            return nil
        }
    }

    private func itemMessages() -> [String] {
        var messages: [String] = []
        var seen: Set<String> = []
        for item in items.sorted(by: { $0.id < $1.id }) {
            let name = "proposal \(item.id)"
            if item.id.isEmpty { messages.append("a proposal has an empty id") }
            if !seen.insert(item.id).inserted { messages.append("\(name): duplicate id") }
            if !InputLimits.isPounds(item.requested) { messages.append("\(name): requested must be > 0 and <= \(Int(InputLimits.maxPounds))") }
            if let minimum = item.minimum, !(minimum > 0 && minimum <= item.requested) {
                messages.append("\(name): minimum must be > 0 and <= requested")
            }
            if !item.quality.isFinite || item.quality < 0 || item.quality > Self.maxMagnitude { messages.append("\(name): quality must be finite and >= 0") }
            for key in item.cellHours.keys.sorted() {
                guard let hours = item.cellHours[key] else { continue }
                if cells[key] == nil { messages.append("\(name): unknown cell \(key)") }
                if !hours.isFinite || hours < 0 || hours > Self.maxMagnitude { messages.append("\(name): hours in \(key) must be finite and >= 0") }
            }
            let shares = item.groupShares.keys.sorted().compactMap { item.groupShares[$0] }
            if shares.contains(where: { !(0...1).contains($0) }) || shares.reduce(0, +) > 1 + 1e-9 {
                messages.append("\(name): group shares must each be 0 to 1 and sum to at most 1")
            }
        }
        return messages
    }

    private func constraintMessages() -> [String] {
        var messages: [String] = []
        for group in constraints.groupFloors.keys.sorted() where !(0...1).contains(constraints.groupFloors[group] ?? 0) {
            messages.append("group floor \(group) must be a share between 0 and 1")
        }
        if constraints.reachEveryRIC && constraints.rics.isEmpty {
            messages.append("reach every RIC is on but no RICs are listed")
        }
        if let cap = constraints.maxPerApplicant, !InputLimits.isPounds(cap) {
            messages.append("max per applicant must be a finite amount > 0 and <= \(Int(InputLimits.maxPounds))")
        }
        return messages
    }
}

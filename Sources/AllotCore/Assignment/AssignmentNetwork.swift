/// The flow network of an assignment: source -> proposal (its missing reviews) -> reviewer (one per
/// allowed pair) -> sink (the reviewer's room). With `balanced`, a reviewer's room is split into unit
/// edges whose costs are the increases of load squared (2 x load - 1 for the load reached), so a
/// minimum-cost maximum flow is an assignment with the least sum of squared loads.
struct AssignmentNetwork {
    private(set) var flow: MinCostFlow
    let source: Int
    let sink: Int
    private let panel: AssignmentPanel
    private var pairs: [(proposal: Int, reviewer: Int, edge: MinCostFlow.EdgeHandle)] = []
    private(set) var loadCap: Int?

    init(panel: AssignmentPanel, missing: [Int], loadCap: Int?, balanced: Bool) {
        self.panel = panel
        self.loadCap = loadCap
        let p = panel.proposals.count, r = panel.reviewers.count
        source = 0
        sink = p + r + 1
        flow = MinCostFlow(nodes: p + r + 2)
        for i in 0..<p where missing[i] > 0 {
            flow.addEdge(from: source, to: proposalNode(i), capacity: missing[i], cost: 0)
            for j in 0..<r where panel.canAdd(reviewer: j, proposal: i) {
                pairs.append((i, j, flow.addEdge(from: proposalNode(i), to: reviewerNode(j), capacity: 1, cost: 0)))
            }
        }
        for j in 0..<r {
            let room = panel.room(reviewer: j, cap: loadCap)
            guard room > 0 else { continue }
            if balanced {
                let existing = panel.existingLoad[j]
                for extra in 1...room {
                    flow.addEdge(from: reviewerNode(j), to: sink, capacity: 1, cost: 2 * (existing + extra) - 1)
                }
            } else {
                flow.addEdge(from: reviewerNode(j), to: sink, capacity: room, cost: 0)
            }
        }
    }

    /// Raises the cap on every load (unbalanced networks only), keeping the flow found so far.
    mutating func raise(loadCap newCap: Int) {
        for j in panel.reviewers.indices {
            let more = panel.room(reviewer: j, cap: newCap) - panel.room(reviewer: j, cap: loadCap)
            if more > 0 { flow.addEdge(from: reviewerNode(j), to: sink, capacity: more, cost: 0) }
        }
        loadCap = newCap
    }

    func proposalNode(_ i: Int) -> Int { 1 + i }
    func reviewerNode(_ j: Int) -> Int { 1 + panel.proposals.count + j }

    /// Runs the flow; returns the number of reviews placed.
    mutating func solve() -> Int { flow.solve(source: source, sink: sink) }

    /// The (proposal, reviewer) index pairs the flow uses.
    var chosen: [(proposal: Int, reviewer: Int)] {
        pairs.filter { flow.flow($0.edge) > 0 }.map { ($0.proposal, $0.reviewer) }
    }

    /// After a flow short of the demand: the proposals on the source side of a minimum cut and what
    /// their reviewers can give, which proves no assignment meets the maximum loads.
    func shortfall(missing: [Int]) -> LoadShortfall {
        let side = flow.reachable(from: source)
        let stuck = panel.proposals.indices.filter { missing[$0] > 0 && side[proposalNode($0)] }
        let stuckSet = Set(stuck)
        var reviewers: [ReviewerCapacity] = []
        for j in panel.reviewers.indices {
            let edges = pairs.filter { $0.reviewer == j && stuckSet.contains($0.proposal) }
            guard !edges.isEmpty else { continue }
            let id = panel.reviewers[j].id
            if side[reviewerNode(j)] {
                // Its edge to the sink is full: the maximum load is what stops it.
                reviewers.append(ReviewerCapacity(reviewer: id, more: panel.room(reviewer: j, cap: nil),
                                                  maxLoad: panel.reviewers[j].maxLoad))
            } else {
                // Every stuck proposal it may review already uses it.
                reviewers.append(ReviewerCapacity(reviewer: id, more: edges.count, maxLoad: nil))
            }
        }
        return LoadShortfall(proposals: stuck.map { panel.proposals[$0].id }, needed: stuck.reduce(0) { $0 + missing[$1] },
                             possible: reviewers.reduce(0) { $0 + $1.more }, reviewers: reviewers)
    }
}

/// A min-cost flow network solved by successive shortest paths (Dijkstra on reduced costs).
///
/// Hand-written because no package in the local package mirror suits: SwiftGraph has shortest paths
/// and spanning trees but no min-cost flow, and AllotCore takes no third-party imports anyway. The
/// networks here are small (proposals x reviewers), so the textbook algorithm is fast enough.
/// Costs must be non-negative when edges are added, so the potentials can start at zero.
struct MinCostFlow {
    /// An added edge, to read its flow back. Its reverse is the edge at `index ^ 1`.
    struct EdgeHandle {
        let index: Int
    }

    // Edges live in flat arrays (forward at even indices, reverse at odd) with per-node linked lists:
    // far fewer allocations than arrays of adjacency arrays.
    private var target: [Int] = []
    private var capacity: [Int] = []
    private var cost: [Int] = []
    private var nextEdge: [Int] = []
    private var firstEdge: [Int]

    init(nodes: Int) { firstEdge = Array(repeating: -1, count: nodes) }

    @discardableResult
    mutating func addEdge(from: Int, to: Int, capacity edgeCapacity: Int, cost edgeCost: Int) -> EdgeHandle {
        let index = target.count
        append(from: from, to: to, capacity: edgeCapacity, cost: edgeCost)
        append(from: to, to: from, capacity: 0, cost: -edgeCost)
        return EdgeHandle(index: index)
    }

    private mutating func append(from: Int, to: Int, capacity edgeCapacity: Int, cost edgeCost: Int) {
        target.append(to)
        capacity.append(edgeCapacity)
        cost.append(edgeCost)
        nextEdge.append(firstEdge[from])
        firstEdge[from] = target.count - 1
    }

    /// Flow carried by an added edge (the residual capacity of its reverse).
    func flow(_ handle: EdgeHandle) -> Int { capacity[handle.index ^ 1] }

    /// Sends as much more flow as possible from `source` to `sink` at the least cost; returns the flow added.
    /// Searches run in a fixed order, so the same network always gives the same flow.
    mutating func solve(source: Int, sink: Int) -> Int {
        let n = firstEdge.count
        var potential = Array(repeating: 0, count: n)
        var total = 0
        var distance = Array(repeating: Int.max, count: n)
        var via = Array(repeating: -1, count: n)
        while true {
            for i in 0..<n { distance[i] = Int.max; via[i] = -1 }
            var heap = MinHeap()
            distance[source] = 0
            heap.push(HeapEntry(distance: 0, node: source))
            while let entry = heap.pop() {
                let u = entry.node
                guard entry.distance == distance[u] else { continue }
                var e = firstEdge[u]
                while e >= 0 {
                    let v = target[e]
                    if capacity[e] > 0 {
                        let candidate = entry.distance + cost[e] + potential[u] - potential[v]
                        if candidate < distance[v] {
                            distance[v] = candidate
                            via[v] = e
                            heap.push(HeapEntry(distance: candidate, node: v))
                        }
                    }
                    e = nextEdge[e]
                }
            }
            guard distance[sink] != Int.max else { return total }
            for v in 0..<n where distance[v] != Int.max { potential[v] += distance[v] }

            var bottleneck = Int.max
            var v = sink
            while v != source {
                bottleneck = min(bottleneck, capacity[via[v]])
                v = target[via[v] ^ 1]
            }
            v = sink
            while v != source {
                capacity[via[v]] -= bottleneck
                capacity[via[v] ^ 1] += bottleneck
                v = target[via[v] ^ 1]
            }
            total += bottleneck
        }
    }

    /// Nodes reachable from `source` through edges with spare capacity: after `solve`, the source side of a minimum cut.
    func reachable(from source: Int) -> [Bool] {
        var seen = Array(repeating: false, count: firstEdge.count)
        var stack = [source]
        seen[source] = true
        while let u = stack.popLast() {
            var e = firstEdge[u]
            while e >= 0 {
                if capacity[e] > 0 && !seen[target[e]] {
                    seen[target[e]] = true
                    stack.append(target[e])
                }
                e = nextEdge[e]
            }
        }
        return seen
    }
}

private struct HeapEntry {
    let distance: Int
    let node: Int

    /// Ties go to the lower node index, which keeps the search deterministic.
    func precedes(_ other: HeapEntry) -> Bool { (distance, node) < (other.distance, other.node) }
}

/// A binary min-heap of Dijkstra entries.
private struct MinHeap {
    private var items: [HeapEntry] = []

    mutating func push(_ item: HeapEntry) {
        items.append(item)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[i].precedes(items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> HeapEntry? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items[0] = last
        var i = 0
        while true {
            let left = 2 * i + 1, right = left + 1
            var smallest = i
            if left < items.count, items[left].precedes(items[smallest]) { smallest = left }
            if right < items.count, items[right].precedes(items[smallest]) { smallest = right }
            guard smallest != i else { return top }
            items.swapAt(i, smallest)
            i = smallest
        }
    }
}

/// A binary min-heap of (node, key) with lazy deletion (stale entries are skipped by the caller).
struct IndexedMinHeap {
    private var nodes: [Int32] = []
    private var keys: [Double] = []

    mutating func push(_ node: Int, _ key: Double) {
        nodes.append(Int32(node))
        keys.append(key)
        var i = nodes.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard keys[i] < keys[parent] || (keys[i] == keys[parent] && nodes[i] < nodes[parent]) else { break }
            nodes.swapAt(i, parent)
            keys.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (Int, Double)? {
        guard let top = nodes.first else { return nil }
        let key = keys[0]
        let last = nodes.count - 1
        nodes.swapAt(0, last)
        keys.swapAt(0, last)
        nodes.removeLast()
        keys.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < nodes.count
                && (keys[l] < keys[smallest] || (keys[l] == keys[smallest] && nodes[l] < nodes[smallest]))
            {
                smallest = l
            }
            if r < nodes.count
                && (keys[r] < keys[smallest] || (keys[r] == keys[smallest] && nodes[r] < nodes[smallest]))
            {
                smallest = r
            }
            if smallest == i { break }
            nodes.swapAt(i, smallest)
            keys.swapAt(i, smallest)
            i = smallest
        }
        return (Int(top), key)
    }
}

/// A growable column of plain values (ints, floats, small structs) for the parsing stage's
/// per-row buffers, in memory its owner frees (`deallocate()`, from the owner's `deinit`).
///
/// Why not `Array`: an `Array` stored in a class checks that its buffer is uniquely referenced
/// on every append (copy on write), a call into the runtime that cannot be hoisted out of the
/// row loop because each append goes through the class. Those checks were 8 % of the parsing
/// thread on the 10 M-event benchmark (perf); appending here is a capacity check and a store.
///
/// A value type without copy-on-write or reference counting: copies share storage, so only
/// the owner may append, and a copy (such as `ParsedLogChunk.Rows`, which keeps its owner
/// alive) is read only while the owner is alive and leaves it alone. Owners keep their
/// columns private for that reason.
///
/// - Complexity: `append` amortised O(1); memory `capacity × MemoryLayout<Element>.stride`.
struct ChunkColumn<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    /// An empty column with room for `capacity` values (at least one).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// Frees the storage; the column must not be used after.
    func deallocate() { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count, "ChunkColumn index out of range")
            return base[index]
        }
        set {
            assert(index >= 0 && index < count, "ChunkColumn index out of range")
            base[index] = newValue
        }
    }

    /// The values, for reading (valid until the column grows, is emptied or freed).
    var values: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(toHold: count + 1) }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Empties the column, keeping its capacity.
    mutating func removeAll() { count = 0 }

    /// Makes room for at least `minimum` values, doubling the capacity.
    @inline(never)
    private mutating func grow(toHold minimum: Int) {
        let bigger = max(minimum, capacity * 2)
        let storage = UnsafeMutablePointer<Element>.allocate(capacity: bigger)
        storage.initialize(from: base, count: count)
        base.deallocate()
        base = storage
        capacity = bigger
    }
}

extension ChunkColumn where Element == UInt8 {
    /// Appends bytes.
    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        if count + n > capacity { grow(toHold: count + n) }
        if n > 0 { UnsafeMutableRawPointer(base + count).copyMemory(from: bytes.baseAddress!, byteCount: n) }
        count += n
    }

    /// The bytes at `start..<start + length`.
    @inline(__always)
    func bytes(from start: Int, count length: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: UnsafeRawPointer(base + start), count: length)
    }
}

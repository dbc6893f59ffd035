/// Maps byte strings (entity ids, labels) to dense `Int32` ids in first-seen order.
///
/// Keys live back to back in one byte arena with an offset table; lookups go through an
/// open-addressing hash table (linear probing, load factor ≤ 0.5) whose 8-byte slots hold
/// the id and 32 bits of the key's hash, so a probe touches the key bytes only when the hash
/// bits match. There is no `String` and no allocation per key, which is what makes
/// interning tens of millions of ids per second possible.
///
/// The hash is seeded per instance from the system's random source, so an adversary who
/// controls ids cannot precompute colliding keys. Ids are assigned in insertion order, so
/// the seed never affects results.
///
/// - Complexity: `intern` and `lookup` are expected O(key length); memory is the key bytes
///   plus about 24 bytes per key.
public struct ByteStringInterner: Sendable {
    // Readable in the module and inlinable, for `ByteStringInterner+Prefetch.swift`.
    @usableFromInline private(set) var arena: [UInt8] = []
    @usableFromInline private(set) var ends: [Int] = []
    /// `0` for an empty slot, else `(hash >> 32) << 32 | (id + 1)`.
    @usableFromInline private(set) var slots: [UInt64]
    @usableFromInline private(set) var mask: Int
    let seed: UInt64

    /// An empty interner sized for about `expectedCount` keys before it grows.
    public init(expectedCount: Int = 1024) {
        var capacity = 16
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
    }

    /// The number of distinct keys.
    public var count: Int { ends.count }

    /// Total bytes of all keys.
    public var byteCount: Int { arena.count }

    /// The id of `key`, adding it if it is new.
    public mutating func intern(_ key: String) -> (id: Int32, inserted: Bool) {
        var key = key
        return key.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The id of `key`, or `nil` if it was never interned.
    public func lookup(_ key: String) -> Int32? {
        var key = key
        return key.withUTF8 { lookup(UnsafeRawBufferPointer($0)) }
    }

    /// The id of the key whose bytes are `key`, adding it if it is new.
    public mutating func intern(_ key: UnsafeRawBufferPointer) -> (id: Int32, inserted: Bool) {
        intern(key, hash: Self.hash(key, seed: seed))
    }

    /// `intern(key)`, with the key's hash already computed by `keyHasher` (possibly on
    /// another thread, ahead of time).
    public mutating func intern(_ key: UnsafeRawBufferPointer, hash: UInt64) -> (id: Int32, inserted: Bool) {
        assert(hash == Self.hash(key, seed: seed), "hash not computed by this interner's keyHasher")
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(entry & 0xFFFF_FFFF) - 1
                if keyEquals(id, key) { return (Int32(id), false) }
            }
            slot = (slot + 1) & mask
        }
        let id = ends.count
        arena.append(contentsOf: key)
        ends.append(arena.count)
        slots[slot] = tag | UInt64(id + 1)
        if ends.count * 2 > slots.count { grow() }
        return (Int32(id), true)
    }

    /// The id of the key whose bytes are `key`, or `nil`.
    public func lookup(_ key: UnsafeRawBufferPointer) -> Int32? {
        let hash = Self.hash(key, seed: seed)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(entry & 0xFFFF_FFFF) - 1
                if keyEquals(id, key) { return Int32(id) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The key of `id` as a `String` (invalid UTF-8 is repaired with U+FFFD).
    public func string(_ id: Int32) -> String {
        let (start, end) = range(Int(id))
        return arena.withUnsafeBufferPointer { String(decoding: $0[start..<end], as: UTF8.self) }
    }

    /// Calls `body` with the bytes of key `id`.
    public func withBytes<R>(_ id: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let (start, end) = range(Int(id))
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    private func range(_ id: Int) -> (Int, Int) { (id == 0 ? 0 : ends[id - 1], ends[id]) }

    @inline(__always)
    private func keyEquals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let (start, end) = range(id)
        guard end - start == key.count else { return false }
        return arena.withUnsafeBytes { stored in
            key.isEmpty || memcmpBytes(stored.baseAddress! + start, key.baseAddress!, key.count)
        }
    }

    /// Makes room for `count` keys in all without growing again (the table at load factor ≤ 0.5,
    /// the offsets' capacity). Ids and lookups are unchanged.
    public mutating func reserve(_ count: Int) {
        ends.reserveCapacity(count)
        var capacity = slots.count
        while capacity < count * 2 { capacity <<= 1 }
        if capacity > slots.count { rehash(capacity: capacity) }
    }

    private mutating func grow() { rehash(capacity: slots.count * 2) }

    /// Rebuilds the table with `capacity` slots (a power of two).
    private mutating func rehash(capacity: Int) {
        var newSlots = [UInt64](repeating: 0, count: capacity)
        let newMask = capacity - 1
        arena.withUnsafeBytes { bytes in
            var start = 0
            for id in 0..<ends.count {
                let hash = Self.hash(UnsafeRawBufferPointer(rebasing: bytes[start..<ends[id]]), seed: seed)
                start = ends[id]
                var slot = Int(truncatingIfNeeded: hash) & newMask
                while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
                newSlots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(id + 1)
            }
        }
        slots = newSlots
        mask = newMask
    }

    /// A seeded multiply–xorshift hash over 8-byte words (in the style of wyhash/FxHash),
    /// finished with the splitmix64 mixer so that low bits are usable as a table index.
    static func hash(_ key: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var h = seed ^ (UInt64(key.count) &* 0x9E37_79B9_7F4A_7C15)
        var i = 0
        let n = key.count
        while i + 8 <= n {
            let word = key.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(key[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        h ^= h >> 31
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        return h
    }
}

@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}

/// Maps byte strings (entity ids, labels) to dense `Int32` ids in first-seen order.
///
/// Each key lives in one byte arena as an entry — an 8-byte header (the key's length and id)
/// followed by the key's bytes, padded to 8 bytes — and is found through an open-addressing
/// hash table (linear probing, load factor ≤ 0.5) whose 8-byte slots hold 32 bits of the
/// key's hash and where its entry starts. A probe touches an entry only when the hash bits
/// match, and then finds the length, the id and the bytes together: finding a key in a table
/// far larger than the cache costs two cache misses (its slot, its entry), not three as when
/// lengths and ids lived in an array of their own (measured: two fifths of the ingest's
/// storing thread waited on that third miss). There is no `String` and no allocation per
/// key, which is what makes interning tens of millions of ids per second possible.
///
/// The hash is seeded per instance from the system's random source, so an adversary who
/// controls ids cannot precompute colliding keys. Ids are assigned in insertion order, so
/// the seed never affects results.
///
/// Limits: fewer than 2³¹ keys, and an arena below 32 GiB (entries are addressed in 8-byte
/// units by 32 bits) — beyond what fits in memory on the machines ringfind runs on.
///
/// - Complexity: `intern` and `lookup` are expected O(key length); memory is the key bytes
///   plus about 32 bytes per key (header, padding, two slots, the entry's place by id).
public struct ByteStringInterner: Sendable {
    // Readable in the module and inlinable, for `ByteStringInterner+Prefetch.swift`.
    /// The entries, back to back, each starting at a multiple of 8 bytes.
    @usableFromInline private(set) var arena: [UInt8] = []
    /// Where each id's entry starts, in 8-byte units.
    @usableFromInline private(set) var entries: [UInt32] = []
    /// `0` for an empty slot, else `(hash >> 32) << 32 | (unit + 1)`, `unit` where the key's
    /// entry starts in 8-byte units.
    @usableFromInline private(set) var slots: [UInt64]
    @usableFromInline private(set) var mask: Int
    let seed: UInt64
    /// Total bytes of all keys.
    public private(set) var byteCount = 0

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
    public var count: Int { entries.count }

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
            if entry & 0xFFFF_FFFF_0000_0000 == tag, let id = idOfEntry(at: Self.unit(of: entry), ifKeyIs: key) {
                return (id, false)
            }
            slot = (slot + 1) & mask
        }
        let id = entries.count
        precondition(id < Int(Int32.max), "more than 2^31 distinct keys")
        let unit = arena.count >> 3
        precondition(unit < Int(UInt32.max), "interned keys take more than 32 GiB")
        precondition(key.count <= Int(UInt32.max), "a key longer than 4 GiB")
        withUnsafeBytes(of: Self.header(length: key.count, id: id).littleEndian) { arena.append(contentsOf: $0) }
        arena.append(contentsOf: key)
        let padding = (8 - (key.count & 7)) & 7
        if padding > 0 { arena.append(contentsOf: repeatElement(0, count: padding)) }
        entries.append(UInt32(unit))
        byteCount += key.count
        slots[slot] = tag | UInt64(unit + 1)
        if entries.count * 2 > slots.count { grow() }
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
            if entry & 0xFFFF_FFFF_0000_0000 == tag, let id = idOfEntry(at: Self.unit(of: entry), ifKeyIs: key) {
                return id
            }
            slot = (slot + 1) & mask
        }
    }

    /// The key of `id` as a `String` (invalid UTF-8 is repaired with U+FFFD).
    public func string(_ id: Int32) -> String {
        withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of key `id`.
    public func withBytes<R>(_ id: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try arena.withUnsafeBytes { try body(Self.entry(in: $0, at: Int(entries[Int(id)])).key) }
    }

    /// Where the entry a slot points to starts, in 8-byte units.
    @usableFromInline @inline(__always)
    static func unit(of slotValue: UInt64) -> Int { Int(slotValue & 0xFFFF_FFFF) - 1 }

    /// An entry's header: the key's length in the low 32 bits, its id in the high 32.
    @inline(__always)
    private static func header(length: Int, id: Int) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: length)) | UInt64(id) << 32
    }

    /// The key and id of the entry at `unit` of `arena` — the one reading of an entry.
    @usableFromInline @inline(__always)
    static func entry(in arena: UnsafeRawBufferPointer, at unit: Int) -> (key: UnsafeRawBufferPointer, id: Int32) {
        let start = arena.baseAddress! + (unit << 3)
        let header = start.loadUnaligned(as: UInt64.self).littleEndian
        let key = UnsafeRawBufferPointer(start: start + 8, count: Int(header & 0xFFFF_FFFF))
        return (key, Int32(truncatingIfNeeded: header >> 32))
    }

    /// The id stored in the entry at `unit` when its key is `key`, else `nil`.
    @inline(__always)
    private func idOfEntry(at unit: Int, ifKeyIs key: UnsafeRawBufferPointer) -> Int32? {
        arena.withUnsafeBytes { bytes in
            let entry = Self.entry(in: bytes, at: unit)
            guard entry.key.count == key.count,
                key.isEmpty || memcmpBytes(entry.key.baseAddress!, key.baseAddress!, key.count)
            else { return nil }
            return entry.id
        }
    }

    /// Makes room for `count` keys in all without growing again (the table at load factor ≤ 0.5,
    /// the entries' places). Ids and lookups are unchanged.
    public mutating func reserve(_ count: Int) {
        entries.reserveCapacity(count)
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
            for unit in entries {
                let hash = Self.hash(Self.entry(in: bytes, at: Int(unit)).key, seed: seed)
                var slot = Int(truncatingIfNeeded: hash) & newMask
                while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
                newSlots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(unit + 1)
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

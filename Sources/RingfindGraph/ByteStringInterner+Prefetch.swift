import CPrefetch

/// Software prefetching, for callers that know keys some time before they intern them.
///
/// Interning a key that is already in a table much larger than the cache costs two cache
/// misses one after the other — its slot, then its entry (length, id and bytes) — about
/// 100 ns each, so a loop that interns keys one by one waits on memory most of the time
/// (half of ingest, measured with perf on the 1 M-entity benchmark). A caller holding the
/// keys of the next rows (the ingestor stores rows parsed in chunks) starts those loads a
/// few keys ahead, in two steps so the second finds the line the first asked for:
/// `prefetchSlot(hash:)`, then `prefetchEntry(hash:)`; by the time it interns the key, both
/// lines are in cache and several keys' misses have overlapped. The hash is `keyHasher`'s,
/// which can be computed on another thread. `id(ofEntry:)` reads the id of a prefetched
/// entry, for a caller that prefetches something indexed by it.
///
/// Prefetches are hints: they read nothing that decides a result, never fault, and a wrong
/// guess (a collision, a key not yet in the table) only costs the wasted load.
///
/// The steps are `@inlinable`: they run once per id in the ingestor's inner loop.
///
/// - Complexity: each step O(1); no memory.
extension ByteStringInterner {
    /// Computes the hash `intern` uses. The seed is fixed when the interner is created, so
    /// the hashes stay valid for its whole life and for its copies.
    public struct KeyHasher: Sendable {
        let seed: UInt64

        /// The hash of the key whose bytes are `key`.
        @inline(__always)
        public func hash(_ key: UnsafeRawBufferPointer) -> UInt64 { ByteStringInterner.hash(key, seed: seed) }
    }

    /// The hasher of this interner's keys.
    public var keyHasher: KeyHasher { KeyHasher(seed: seed) }

    /// Step 1: starts loading the slot where a key with `hash` is looked up first.
    @inlinable
    public func prefetchSlot(hash: UInt64) {
        let slot = Int(truncatingIfNeeded: hash) & mask
        slots.withUnsafeBufferPointer { table in
            if let base = table.baseAddress { ringfind_prefetch(base + slot) }
        }
    }

    /// Step 2: where the entry of the key in that slot starts (in 8-byte units) if its hash
    /// bits match `hash` (else -1), after starting to load the entry. The slot should be in
    /// cache by now.
    @inlinable
    public func prefetchEntry(hash: UInt64) -> Int32 {
        let value = slots[Int(truncatingIfNeeded: hash) & mask]
        guard value != 0, value & 0xFFFF_FFFF_0000_0000 == hash & 0xFFFF_FFFF_0000_0000 else { return -1 }
        let unit = Self.unit(of: value)
        arena.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress, unit << 3 < bytes.count { ringfind_prefetch(base + (unit << 3)) }
        }
        return Int32(truncatingIfNeeded: unit)
    }

    /// The id in the entry at `unit` (from step 2), or -1 when step 2 found none. A hint like
    /// the steps: a `unit` that does not come from step 2 gives some id in range, or -1. Its
    /// entry should be in cache by now.
    @inlinable
    public func id(ofEntry unit: Int32) -> Int32 {
        guard unit >= 0, (Int(unit) << 3) + 8 <= arena.count else { return -1 }
        let id = arena.withUnsafeBytes { Self.entry(in: $0, at: Int(unit)).id }
        return id >= 0 && Int(id) < entries.count ? id : -1
    }
}
